import { gzipSync } from 'node:zlib';
import { existsSync, readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { build } from 'vite';

const root = fileURLToPath(new URL('..', import.meta.url));

/** Gzipped bytes of the browser entries. */
export interface BundleResult {
  /** `ringkit` + `ringkit/react` with their dependencies bundled, peers (react, react-dom) external. */
  gzipBytes: number;
  /** The same with every dependency external: ringkit's own code. */
  ownGzipBytes: number;
  stylesGzipBytes: number | null;
}

async function gzipOf(external: (id: string) => boolean): Promise<number> {
  const result = await build({
    root,
    configFile: false,
    logLevel: 'silent',
    build: {
      write: false,
      minify: true,
      lib: { entry: { index: 'src/index.ts', react: 'src/react/index.ts' }, formats: ['es'] },
      rollupOptions: { external },
    },
  });
  const outputs = (Array.isArray(result) ? result : [result]) as unknown as { output: { type: string; code?: string }[] }[];
  let bytes = 0;
  for (const out of outputs) for (const chunk of out.output) if (chunk.type === 'chunk') bytes += gzipSync(chunk.code!, { level: 9 }).length;
  return bytes;
}

const isPeer = (id: string) => /^(react|react-dom)(\/|$)/.test(id);
const isBare = (id: string) => !id.startsWith('.') && !id.startsWith('/') && !id.startsWith('\0') && !id.includes(':');

/**
 * Builds `ringkit` and `ringkit/react` for the browser (minified, ES) and gzips them.
 * @example (await measureBundle()).gzipBytes
 */
export async function measureBundle(): Promise<BundleResult> {
  const styles = ['src/react/styles.css', 'src/react/styles/styles.css'].map((p) => root + p).find(existsSync);
  return {
    gzipBytes: await gzipOf(isPeer),
    ownGzipBytes: await gzipOf(isBare),
    stylesGzipBytes: styles ? gzipSync(readFileSync(styles), { level: 9 }).length : null,
  };
}
