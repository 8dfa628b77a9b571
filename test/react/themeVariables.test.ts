import { readFileSync } from 'node:fs';
import { basename, dirname, join } from 'node:path';
import { describe, expect, it } from 'vitest';

/** The repository (Vitest runs from it; import.meta.url is not a file URL under jsdom). */
const root = process.cwd();
const read = (path: string) => readFileSync(join(root, path), 'utf8');

/** The stylesheets `ringkit/styles.css` is made of, in order (its `@import`s). */
const sheets = [...read('src/react/styles.css').matchAll(/@import '\.\/([^']+)';/g)].map((m) => join('src/react', m[1]!));
const variablesIn = (css: string) => new Set(css.match(/--rk-[a-z0-9-]+/g) ?? []);
const declarations = (css: string) => new Map([...css.matchAll(/(--rk-[a-z0-9-]+):\s*([^;]+);/g)].map((m) => [m[1]!, m[2]!.trim()]));

const theme = read('src/react/styles/theme.css');
const [lightBlock, rest] = theme.split("[data-rk-theme='dark']") as [string, string];
const [darkBlock, mediaBlock] = rest.split('@media') as [string, string];
const light = declarations(lightBlock);
const dark = declarations(darkBlock);
const base = variablesIn(read('src/react/styles/base.css'));
/** Component name (its CSS file's name) → the variables it reads. */
const components = new Map(
  sheets.filter((s) => s.includes('/components/')).map((s) => [basename(s, '.css'), variablesIn(read(s))] as const),
);
const everywhere = new Set(sheets.flatMap((s) => [...variablesIn(read(s))]));
/** Defaults a component sets on its own root (not themed: the same in light and dark). */
const componentDefaults = new Map(sheets.filter((s) => s.includes('/components/')).flatMap((s) => [...declarations(read(s))]));

/** The README's "Theme variables" table: variable → its cells. */
function readmeTable(): Map<string, { light: string; dark: string; usedBy: string }> {
  const readme = read('README.md');
  const section = readme.slice(readme.indexOf('### Theme variables'));
  const rows = section.split('\n').filter((line) => line.startsWith('| `--rk-'));
  return new Map(
    rows.map((row) => {
      const [name, lightCell, darkCell, usedBy] = row.split(' | ').map((c) => c.replace(/^\| /, '').trim());
      return [name!.replace(/`/g, ''), { light: lightCell!, dark: darkCell!, usedBy: usedBy! }];
    }),
  );
}

describe('theme variables', () => {
  const table = readmeTable();

  it('styles.css imports every component stylesheet', () => {
    const files = sheets.map((s) => dirname(s));
    for (const name of components.keys()) expect(files).toContain(`src/react/components/${name}`);
    expect(components.size).toBeGreaterThanOrEqual(8);
  });

  it('the README table lists every --rk-* variable of the stylesheets, and none that does not exist', () => {
    expect([...table.keys()].sort()).toEqual([...everywhere].sort());
  });

  it('gives each variable its light and dark default as the theme (or its component) sets it; derived ones say so', () => {
    for (const [name, row] of table) {
      const own = componentDefaults.get(name);
      if (own !== undefined && !light.has(name)) {
        expect([row.light, row.dark], name).toEqual([`\`${own}\``, 'same']);
        continue;
      }
      const lightValue = light.get(name);
      if (lightValue === undefined) {
        expect(row.light, name).toMatch(/^(derived|per user)/);
        continue;
      }
      expect(row.light, name).toBe(`\`${lightValue}\``);
      const darkValue = dark.get(name);
      expect(row.dark, name).toBe(darkValue === undefined ? 'same' : `\`${darkValue}\``);
    }
  });

  it('names every component that reads a variable, and only those', () => {
    for (const [name, row] of table) {
      const named = new Set([...row.usedBy.matchAll(/`(\w+)`/g)].map((m) => m[1]!));
      const readers = [...components].filter(([, vars]) => vars.has(name)).map(([component]) => component);
      expect([...named].sort(), name).toEqual(readers.sort());
      expect(row.usedBy.startsWith('all'), `${name}: "all" exactly when the shared parts read it`).toBe(base.has(name));
    }
  });

  it('the system dark theme sets the same values as data-rk-theme="dark"', () => {
    expect(declarations(mediaBlock)).toEqual(dark);
  });

  it('focus rings and the pending badge follow the accent unless set (no default on :root)', () => {
    for (const name of ['--rk-color-focus', '--rk-color-state-pending', '--rk-color-state-pending-bg']) {
      expect(light.has(name) || dark.has(name), name).toBe(false);
    }
    const css = sheets.map(read).join('\n');
    expect(css).not.toMatch(/var\(--rk-color-focus\)/);
    expect(css).toMatch(/var\(--rk-color-state-pending, color-mix\(in srgb, var\(--rk-color-accent\)/);
  });
});

/** WCAG contrast of two `#rgb`/`#rrggbb` colours. */
function contrast(a: string, b: string): number {
  const luminance = (hex: string) => {
    const h = hex.replace('#', '');
    const full = h.length === 3 ? [...h].map((c) => c + c).join('') : h;
    const [r, g, bl] = [0, 2, 4].map((i) => parseInt(full.slice(i, i + 2), 16) / 255).map((c) => (c <= 0.03928 ? c / 12.92 : ((c + 0.055) / 1.055) ** 2.4));
    return 0.2126 * r! + 0.7152 * g! + 0.0722 * bl!;
  };
  const [hi, lo] = [luminance(a), luminance(b)].sort((x, y) => y - x);
  return (hi! + 0.05) / (lo! + 0.05);
}

describe("the README's Theming example", () => {
  const readme = read('README.md');
  const section = readme.slice(readme.indexOf('### Theming in five minutes'));
  const example = declarations(/```css\n([\s\S]*?)```/.exec(section)![1]!);

  it('keeps the text on each colour it sets readable (4.5:1) in the light and the dark theme', () => {
    const pairs = ['--rk-color-accent', '--rk-color-accept', '--rk-color-reject'].filter((name) => example.has(name));
    expect(pairs.length).toBeGreaterThan(0);
    for (const name of pairs) {
      for (const [themeName, defaults] of [['light', light], ['dark', dark]] as const) {
        const text = example.get(`${name}-text`) ?? defaults.get(`${name}-text`)!;
        expect(contrast(example.get(name)!, text), `${name} with ${name}-text ${text} (${themeName})`).toBeGreaterThanOrEqual(4.5);
      }
    }
  });
});
