import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';

const root = fileURLToPath(new URL('../..', import.meta.url));

/** Every installed package (nested ones too) as [name, version, its package.json folder]. */
function installed(modules: string): [string, string, string][] {
  if (!existsSync(modules)) return [];
  const found: [string, string, string][] = [];
  for (const entry of readdirSync(modules)) {
    if (entry.startsWith('.')) continue;
    const dirs = entry.startsWith('@') ? readdirSync(join(modules, entry)).map((name) => join(modules, entry, name)) : [join(modules, entry)];
    for (const dir of dirs) {
      const manifest = join(dir, 'package.json');
      if (!existsSync(manifest)) continue;
      const pkg = JSON.parse(readFileSync(manifest, 'utf8')) as { name: string; version: string };
      found.push([pkg.name, pkg.version, dir], ...installed(join(dir, 'node_modules')));
    }
  }
  return found;
}

/** What npm 11 counts as an install script: preinstall, install, postinstall, or a binding.gyp (node-gyp). */
function hasInstallScript(dir: string): boolean {
  const { scripts = {} } = JSON.parse(readFileSync(join(dir, 'package.json'), 'utf8')) as { scripts?: Record<string, string> };
  return ['preinstall', 'install', 'postinstall'].some((name) => name in scripts) || existsSync(join(dir, 'binding.gyp'));
}

describe('npm install in the checkout (the README’s first command)', () => {
  it('ends without npm 11 asking to review an install script: each one is approved or denied in allowScripts', () => {
    const { allowScripts = {} } = JSON.parse(readFileSync(join(root, 'package.json'), 'utf8')) as { allowScripts?: Record<string, boolean> };
    const covered = (name: string, version: string) => name in allowScripts || `${name}@${version}` in allowScripts;
    const withScripts = installed(join(root, 'node_modules')).filter(([, , dir]) => hasInstallScript(dir));
    expect(withScripts.length).toBeGreaterThan(0); // esbuild has one: the walk found it
    expect(withScripts.filter(([name, version]) => !covered(name, version)).map(([name, version]) => `${name}@${version}`)).toEqual([]);
  });
});
