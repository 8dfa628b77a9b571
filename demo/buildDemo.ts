import { createHash } from 'node:crypto';
import { existsSync } from 'node:fs';
import { mkdir, readdir, readFile, rename, rm, writeFile } from 'node:fs/promises';
import { dirname, join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';

const repo = join(dirname(fileURLToPath(import.meta.url)), '..');
/** Where built demos are kept, one folder per content hash (ignored by git with node_modules). */
const cacheRoot = join(repo, 'node_modules', '.cache', 'ringkit-demo');

/** Every file whose content the built page depends on, sorted. */
async function inputs(): Promise<string[]> {
  const walk = async (dir: string): Promise<string[]> => {
    const entries = await readdir(dir, { withFileTypes: true });
    const nested = await Promise.all(entries.map((e) => (e.isDirectory() ? walk(join(dir, e.name)) : [join(dir, e.name)])));
    return nested.flat();
  };
  const files = [...(await walk(join(repo, 'demo'))), ...(await walk(join(repo, 'src'))), join(repo, 'package-lock.json')];
  return files.sort();
}

/** A hash of the demo's and the kit's sources and the locked dependencies. */
async function contentHash(): Promise<string> {
  const hash = createHash('sha256');
  for (const file of await inputs()) hash.update(relative(repo, file)).update('\0').update(await readFile(file));
  return hash.digest('hex').slice(0, 16);
}

/**
 * Builds the demo page with Vite into a cache folder and returns that folder. A build whose
 * sources have not changed is reused, so only the first `npm start` after a change pays for it;
 * concurrent starts never see a half-written folder (each builds aside, then renames).
 * @example const dir = await buildDemo(); serveStatic(dir)
 */
export async function buildDemo(): Promise<{ dir: string; reused: boolean }> {
  const dir = join(cacheRoot, await contentHash());
  if (existsSync(join(dir, 'index.html'))) return { dir, reused: true };
  const scratch = `${dir}.${process.pid}.tmp`;
  // Loaded only to build: a start that reuses the build does not pay for Vite.
  const [{ build }, { default: react }] = await Promise.all([import('vite'), import('@vitejs/plugin-react')]);
  await build({
    root: join(repo, 'demo'),
    configFile: false,
    logLevel: 'warn',
    plugins: [react()],
    build: { outDir: scratch, emptyOutDir: true, chunkSizeWarningLimit: 2048 },
  });
  // The service worker (/sw.js), one classic script beside the page.
  await build({
    configFile: false,
    logLevel: 'warn',
    build: { outDir: scratch, emptyOutDir: false, lib: { entry: join(repo, 'demo', 'sw.ts'), formats: ['iife'], name: 'ringkitDemoWorker', fileName: () => 'sw.js' } },
  });
  await mkdir(cacheRoot, { recursive: true });
  await rename(scratch, dir).catch(async (error: NodeJS.ErrnoException) => {
    // Another start finished the same build first: keep its folder.
    if (!existsSync(join(dir, 'index.html'))) throw error;
    await rm(scratch, { recursive: true, force: true });
  });
  await writeFile(join(cacheRoot, 'latest'), dir);
  return { dir, reused: false };
}
