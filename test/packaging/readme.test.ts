import { mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import ts from 'typescript';
import { afterAll, describe, expect, it } from 'vitest';
import { extractCodeBlocks } from './extractCodeBlocks.js';

const root = fileURLToPath(new URL('../..', import.meta.url));
const blocks = extractCodeBlocks(readFileSync(join(root, 'README.md'), 'utf8'), ['ts', 'tsx', 'typescript']);
const dir = join(root, '.tmp', `readme-${process.pid}`);

/**
 * Every block as its own module, compiled in one program with the repository's compiler options
 * and `ringkit*` mapped to src; returns the errors of each block.
 */
function compileBlocks(): Map<string, string[]> {
  mkdirSync(dir, { recursive: true });
  const files = blocks.map((block, i) => {
    const file = join(dir, `block${i + 1}-line${block.line}.${block.lang === 'tsx' ? 'tsx' : 'ts'}`);
    writeFileSync(file, `${block.code}\n`);
    return file;
  });
  const config = ts.getParsedCommandLineOfConfigFile(join(root, 'tsconfig.json'), {}, { ...ts.sys, onUnRecoverableConfigFileDiagnostic: () => undefined })!;
  const options: ts.CompilerOptions = {
    ...config.options,
    noEmit: true,
    noUnusedLocals: false, // a snippet may show a value without using it
    moduleDetection: ts.ModuleDetectionKind.Force,
    baseUrl: root,
    paths: {
      ringkit: ['src/index.ts'],
      'ringkit/react': ['src/react/index.ts'],
      'ringkit/media': ['src/media/index.ts'],
      'ringkit/server': ['src/server/index.ts'],
      'ringkit/engine': ['src/engine/index.ts'],
      'ringkit/service-worker': ['src/client/push/serviceWorker.ts'],
    },
  };
  const program = ts.createProgram(files, options);
  const byFile = new Map<string, string[]>(files.map((f) => [f, []]));
  for (const d of ts.getPreEmitDiagnostics(program)) {
    const name = d.file?.fileName;
    const text = ts.flattenDiagnosticMessageText(d.messageText, '\n');
    const where = d.file && d.start !== undefined ? d.file.getLineAndCharacterOfPosition(d.start).line + 1 : 0;
    const list = name !== undefined ? byFile.get(name) : undefined;
    // A diagnostic outside the blocks (e.g. in src) is reported against every block.
    if (list) list.push(`line ${where}: ${text}`);
    else for (const l of byFile.values()) l.push(`${name ?? 'global'}: ${text}`);
  }
  return new Map(files.map((f, i) => [`${blocks[i]!.lang} block at README.md line ${blocks[i]!.line}`, byFile.get(f)!]));
}

describe('README code', () => {
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it('has TypeScript blocks, and the first React one is a complete App.tsx', () => {
    expect(blocks.length).toBeGreaterThan(4);
    const first = blocks.find((b) => b.lang === 'tsx')!;
    expect(first.code).toMatch(/^import .* from 'ringkit\/react';/m);
    expect(first.code).toContain('export default function App()');
    expect(first.code).toContain('url="http://localhost:3478"');
    expect(first.code).toContain('useConnectionState()');
  });

  it('scaffolds the Vite app without a prompt (in a terminal create-vite offers to install and start a dev server, and the next command waits)', () => {
    const commands = [...readFileSync(join(root, 'README.md'), 'utf8').matchAll(/npm create vite@[^\n`]*/g)].map((m) => m[0]);
    expect(commands.length).toBeGreaterThan(0);
    for (const command of commands) expect(command).toContain('--no-interactive');
  });

  it('names every runtime dependency in "Install routes" (a new one was left out twice)', () => {
    const readme = readFileSync(join(root, 'README.md'), 'utf8');
    const sentence = /ringkit's runtime dependencies are ([^]*?)\n\n/.exec(readme)?.[1] ?? '';
    const { dependencies } = JSON.parse(readFileSync(join(root, 'package.json'), 'utf8')) as { dependencies: Record<string, string> };
    expect(Object.keys(dependencies).filter((name) => !sentence.replaceAll('\n', ' ').includes(name))).toEqual([]);
  });

  it('type-checks every ts/tsx block as pasted', () => {
    const errors = compileBlocks();
    expect(errors.size).toBe(blocks.length);
    expect(Object.fromEntries([...errors].filter(([, list]) => list.length > 0))).toEqual({});
  }, 60_000);
});
