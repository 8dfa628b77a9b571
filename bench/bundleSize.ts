import { gzipSync } from 'node:zlib';
import { existsSync, readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { build } from 'vite';

const root = fileURLToPath(new URL('..', import.meta.url));
const stylesEntry = 'src/react/styles.css';

/** Gzipped bytes of the browser entries. */
export interface BundleResult {
  /** `ringkit` + `ringkit/react` with their dependencies bundled, the package's peers external. */
  gzipBytes: number;
  /** The same with every dependency external: ringkit's own code. */
  ownGzipBytes: number;
  /** `ringkit/styles.css` with its imports inlined, when it exists. */
  stylesGzipBytes: number | null;
}

type Output = { output: { type: string; fileName: string; code?: string; source?: string | Uint8Array }[] };

async function gzipOf(external: (id: string) => boolean): Promise<{ js: number; css: number }> {
  const result = await build({
    root,
    configFile: false,
    logLevel: 'silent',
    build: {
      write: false,
      minify: true,
      cssCodeSplit: true,
      lib: {
        entry: { index: 'src/index.ts', react: 'src/react/index.ts', ...(existsSync(root + stylesEntry) && { styles: stylesEntry }) },
        formats: ['es'],
      },
      rollupOptions: { external },
    },
  });
  const sizes = { js: 0, css: 0 };
  for (const out of (Array.isArray(result) ? result : [result]) as unknown as Output[]) {
    for (const file of out.output) {
      const body = file.type === 'chunk' ? file.code! : file.source!;
      if (file.type === 'chunk') sizes.js += gzipSync(body, { level: 9 }).length;
      else if (file.fileName.endsWith('.css')) sizes.css += gzipSync(body, { level: 9 }).length;
    }
  }
  return sizes;
}

const peers = Object.keys((JSON.parse(readFileSync(root + 'package.json', 'utf8')) as { peerDependencies?: object }).peerDependencies ?? {});
const isPeer = (id: string) => peers.some((p) => id === p || id.startsWith(`${p}/`));
const isBare = (id: string) => !id.startsWith('.') && !id.startsWith('/') && !id.startsWith('\0') && !id.includes(':');

/**
 * Builds `ringkit`, `ringkit/react` (and the stylesheet) for the browser, minified, and gzips them.
 * @example (await measureBundle()).gzipBytes
 */
export async function measureBundle(): Promise<BundleResult> {
  const withDeps = await gzipOf(isPeer);
  const own = await gzipOf(isBare);
  return { gzipBytes: withDeps.js, ownGzipBytes: own.js, stylesGzipBytes: withDeps.css || null };
}
