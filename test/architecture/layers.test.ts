import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { dirname, join, relative, resolve } from 'node:path';
import ts from 'typescript';
import { describe, expect, it } from 'vitest';

const SRC = resolve(import.meta.dirname, '../../src');

/** Which layers each layer may import (besides itself); `src/index.ts`, the `ringkit` entry, sits with the client. */
const ALLOWED: Record<string, readonly string[]> = {
  protocol: [],
  engine: ['protocol'],
  server: ['protocol', 'engine'],
  client: ['protocol'],
  store: ['protocol', 'client'],
  media: ['protocol', 'client'],
  react: ['protocol', 'engine', 'client', 'store', 'media'],
};

/**
 * Inside react/: which sub-folders each may import (besides itself). Hooks bind the store and
 * return prop bags, so they never reach into components; labels are plain tables; internal
 * helpers sit under the hooks. Root files (index.ts, mergeProps.ts) are `.`.
 */
const REACT_ALLOWED: Record<string, readonly string[]> = {
  types: [],
  data: ['types'],
  media: ['data', 'types'],
  labels: ['data', 'media', 'types'],
  internal: ['context', 'data', 'media', 'types'],
  context: ['internal', 'data', 'types'],
  hooks: ['context', 'internal', 'data', 'media', 'labels', 'types'],
  components: ['hooks', 'context', 'internal', 'data', 'media', 'labels', 'types', '.'],
  '.': ['hooks', 'context', 'internal', 'data', 'media', 'labels', 'types', 'components'],
};

/** Packages that bring React with them (zustand's bare entry is its React binding; zustand/vanilla is not). */
const reactPackage = (specifier: string) =>
  /^(react|react-dom)(\/|$)/.test(specifier) || specifier.startsWith('@tanstack/react-') || /^zustand(\/react|\/shallow)?$/.test(specifier);

function sourceFiles(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const path = join(dir, entry.name);
    if (entry.isDirectory()) return sourceFiles(path);
    return /\.tsx?$/.test(entry.name) && !entry.name.endsWith('.d.ts') ? [path] : [];
  });
}

/** The sub-folder of react/ a file sits in (`.` for react/'s own files). */
function reactFolderOf(file: string): string {
  const parts = relative(join(SRC, 'react'), file).split(/[\\/]/);
  return parts.length > 1 ? parts[0]! : '.';
}

function layerOf(file: string): string {
  const [first] = relative(SRC, file).split(/[\\/]/);
  return first === 'index.ts' ? 'client' : first!;
}

/** Resolves a relative import (`./x.js`, `../y`) to a file of src/, or undefined for packages. */
function resolveImport(from: string, specifier: string): string | undefined {
  if (!specifier.startsWith('.')) return undefined;
  const base = resolve(dirname(from), specifier).replace(/\.jsx?$/, '');
  const found = [`${base}.ts`, `${base}.tsx`, join(base, 'index.ts')].find((candidate) => existsSync(candidate));
  if (!found) throw new Error(`${relative(SRC, from)}: cannot resolve ${specifier}`);
  return found;
}

/** Every file of src/ and the files it imports (static, type-only, re-exports and dynamic imports). */
function importGraph(): Map<string, string[]> {
  const graph = new Map<string, string[]>();
  for (const file of sourceFiles(SRC)) {
    const { importedFiles } = ts.preProcessFile(readFileSync(file, 'utf8'), true, true);
    graph.set(file, importedFiles.map((i) => resolveImport(file, i.fileName)).filter((f): f is string => f !== undefined));
  }
  return graph;
}

/** Each import cycle once, as the list of files around it. */
function cycles(graph: Map<string, string[]>): string[][] {
  const found: string[][] = [];
  const state = new Map<string, 'open' | 'done'>();
  const stack: string[] = [];
  const visit = (file: string) => {
    state.set(file, 'open');
    stack.push(file);
    for (const next of graph.get(file) ?? []) {
      if (state.get(next) === 'open') found.push(stack.slice(stack.indexOf(next)));
      else if (!state.has(next)) visit(next);
    }
    stack.pop();
    state.set(file, 'done');
  };
  for (const file of graph.keys()) if (!state.has(file)) visit(file);
  return found;
}

describe('the import graph of src/', () => {
  const graph = importGraph();
  const name = (file: string) => relative(SRC, file);

  it('is read whole: every layer has files, and imports were found', () => {
    const layers = new Set([...graph.keys()].map(layerOf));
    expect([...layers].sort()).toEqual(Object.keys(ALLOWED).sort());
    expect([...graph.values()].flat().length).toBeGreaterThan(100);
  });

  it('has no cycle', () => {
    expect(cycles(graph).map((cycle) => cycle.map(name).join(' → '))).toEqual([]);
  });

  it('follows the layer table: protocol → nothing of ours, engine → protocol, server → protocol and engine, client → protocol, store → protocol and client, media → protocol and client, react → all but server', () => {
    const violations = [...graph].flatMap(([file, imports]) =>
      imports
        .filter((target) => layerOf(target) !== layerOf(file) && !ALLOWED[layerOf(file)]!.includes(layerOf(target)))
        .map((target) => `${name(file)} (${layerOf(file)}) imports ${name(target)} (${layerOf(target)})`),
    );
    expect(violations).toEqual([]);
  });

  it('keeps server-only packages (web-push, jose, pino, node:*) out of every layer but server, so no browser bundle pulls them in', () => {
    const serverOnly = (specifier: string) => specifier === 'web-push' || specifier === 'jose' || specifier === 'pino' || specifier.startsWith('node:');
    const offenders = sourceFiles(SRC)
      .filter((file) => layerOf(file) !== 'server')
      .flatMap((file) =>
        ts
          .preProcessFile(readFileSync(file, 'utf8'), true, true)
          .importedFiles.filter((i) => serverOnly(i.fileName))
          .map((i) => `${name(file)} imports ${i.fileName}`),
      );
    expect(offenders).toEqual([]);
  });

  it('keeps React (react, react-dom, @tanstack/react-*, zustand\'s React entry) out of every layer but react, so the client and the store run without it', () => {
    const offenders = sourceFiles(SRC)
      .filter((file) => layerOf(file) !== 'react')
      .flatMap((file) =>
        ts
          .preProcessFile(readFileSync(file, 'utf8'), true, true)
          .importedFiles.filter((i) => reactPackage(i.fileName))
          .map((i) => `${name(file)} (${layerOf(file)}) imports ${i.fileName}`),
      );
    expect(offenders).toEqual([]);
  });

  it('follows the table of react/\'s sub-folders: hooks never import components, labels import no components or hooks, internal imports no hooks', () => {
    const violations = [...graph]
      .filter(([file]) => layerOf(file) === 'react')
      .flatMap(([file, imports]) =>
        imports
          .filter((target) => layerOf(target) === 'react' && reactFolderOf(target) !== reactFolderOf(file))
          .filter((target) => !REACT_ALLOWED[reactFolderOf(file)]!.includes(reactFolderOf(target)))
          .map((target) => `${name(file)} (${reactFolderOf(file)}) imports ${name(target)} (${reactFolderOf(target)})`),
      );
    expect(violations).toEqual([]);
  });

  it('knows every sub-folder of react/', () => {
    const folders = new Set([...graph.keys()].filter((file) => layerOf(file) === 'react').map(reactFolderOf));
    expect([...folders].filter((folder) => !(folder in REACT_ALLOWED))).toEqual([]);
  });
});
