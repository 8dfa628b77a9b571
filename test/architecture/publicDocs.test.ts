import { readFileSync } from 'node:fs';
import { relative, resolve } from 'node:path';
import ts from 'typescript';
import { describe, expect, it } from 'vitest';

const ROOT = resolve(import.meta.dirname, '../..');

/** The source file of every entry point in package.json's `exports` (its `types` path, back in src/). */
function entryPoints(): string[] {
  const exports = JSON.parse(readFileSync(resolve(ROOT, 'package.json'), 'utf8')).exports as Record<string, string | { types: string }>;
  return Object.values(exports)
    .filter((target): target is { types: string } => typeof target === 'object')
    .map((target) => resolve(ROOT, target.types.replace(/^\.\/dist\//, 'src/').replace(/\.d\.ts$/, '.ts')));
}

/** Whether a declaration carries TSDoc with an `@example` (a variable's sits on its statement). */
function hasExample(declaration: ts.Declaration): boolean {
  return ts.getJSDocTags(declaration).some((tag) => tag.tagName.text === 'example');
}

/** STYLE.md: every public export has TSDoc with a one-line purpose and an `@example`. */
describe('the public API', () => {
  const entries = entryPoints();
  const program = ts.createProgram(entries, { module: ts.ModuleKind.ESNext, moduleResolution: ts.ModuleResolutionKind.Bundler, jsx: ts.JsxEmit.ReactJSX, noEmit: true, skipLibCheck: true });
  const checker = program.getTypeChecker();

  it('is read from every entry point of package.json', () => {
    expect(entries.map((file) => relative(ROOT, file)).sort()).toEqual(
      ['src/client/push/serviceWorker.ts', 'src/engine/index.ts', 'src/index.ts', 'src/media/index.ts', 'src/react/index.ts', 'src/server/index.ts'],
    );
  });

  it('documents every export of every entry point with TSDoc that has an @example', () => {
    let checked = 0;
    const missing = entries.flatMap((entry) => {
      const module = checker.getSymbolAtLocation(program.getSourceFile(entry)!)!;
      return checker.getExportsOfModule(module).flatMap((exported) => {
        checked++;
        const symbol = exported.flags & ts.SymbolFlags.Alias ? checker.getAliasedSymbol(exported) : exported;
        const declarations = symbol.declarations ?? [];
        return declarations.some(hasExample) ? [] : [`${relative(ROOT, entry)}: ${exported.name} (${declarations.map((d) => relative(ROOT, d.getSourceFile().fileName)).join(', ')})`];
      });
    });
    expect(checked).toBeGreaterThan(400);
    expect(missing).toEqual([]);
  });
});
