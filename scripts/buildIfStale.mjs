#!/usr/bin/env node
// Builds dist/ (npm run build) unless it is newer than every input, so `npm pack` right after
// `npm install` (which built it through `prepare`) does not build again.
//
//   node scripts/buildIfStale.mjs            build if stale (the `prepare` script: npm install, git installs)
//   node scripts/buildIfStale.mjs --prepack  the same, then hide `prepare` in package.json until `--postpack`
//   node scripts/buildIfStale.mjs --postpack put package.json back
//
// Why hide `prepare` from the tarball: it only builds from sources, which a tarball does not
// contain, and npm never runs it for a tarball install; but npm 11 still lists it as an install
// script "not yet covered by allowScripts" in every app that installs the tarball.
import { execFileSync } from 'node:child_process';
import { existsSync, mkdirSync, readdirSync, readFileSync, renameSync, statSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = fileURLToPath(new URL('..', import.meta.url));
const stamp = join(root, 'node_modules', '.cache', 'ringkit-build-stamp');
const manifest = join(root, 'package.json');
const saved = join(root, 'package.json.prepack');
const mode = process.argv[2];

/** Newest modification time (ms) of a file, or of every file below a folder. */
function newest(path) {
  if (!existsSync(path)) return 0;
  const info = statSync(path);
  if (!info.isDirectory()) return info.mtimeMs;
  return Math.max(0, ...readdirSync(path).map((name) => newest(join(path, name))));
}

function restore() {
  if (existsSync(saved)) renameSync(saved, manifest);
}

if (mode === '--postpack') {
  restore();
  process.exit(0);
}

restore(); // an interrupted pack left package.json without `prepare`: put it back first
// Not package-lock.json: npm install rewrites it after `prepare`, which would make every pack rebuild (after a
// dependency update run `npm run build`).
const inputs = ['src', 'vite.lib.config.ts', 'tsconfig.build.json', 'tsconfig.json'];
const outputs = ['dist/react.js', 'dist/index.js', 'dist/server.js', 'dist/cli.js', 'dist/styles.css', 'dist/index.d.ts', 'dist/react/index.d.ts'];
const built = existsSync(stamp) && outputs.every((file) => existsSync(join(root, file))) ? statSync(stamp).mtimeMs : 0;
const changed = Math.max(...inputs.map((input) => newest(join(root, input))));
if (built > changed) {
  console.error('ringkit: dist/ is up to date (built after the last change to src/)');
} else {
  const started = Date.now();
  // Everything on stderr: `npm pack --json` prints its result on stdout.
  execFileSync('npm', ['run', '--silent', 'build'], { cwd: root, stdio: [0, 2, 2] });
  mkdirSync(join(root, 'node_modules', '.cache'), { recursive: true });
  writeFileSync(stamp, new Date().toISOString());
  console.error(`ringkit: built dist/ in ${((Date.now() - started) / 1000).toFixed(1)} s`);
}

if (mode === '--prepack') {
  const text = readFileSync(manifest, 'utf8');
  const pkg = JSON.parse(text);
  delete pkg.scripts.prepare;
  writeFileSync(saved, text);
  writeFileSync(manifest, `${JSON.stringify(pkg, null, 2)}\n`);
}
