import { execFile } from 'node:child_process';
import { mkdtempSync, rmSync, symlinkSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, describe, expect, it } from 'vitest';

const root = fileURLToPath(new URL('../..', import.meta.url));
/** A PATH with node alone: no redis-server, no apt-get, no sudo (a fresh machine's view, and nothing gets installed). */
const bare = mkdtempSync(join(tmpdir(), 'ringkit-preflight-'));
symlinkSync(process.execPath, join(bare, 'node'));
afterAll(() => rmSync(bare, { recursive: true, force: true }));

function preflight(env: Record<string, string>): Promise<{ code: number; stdout: string; stderr: string; ms: number }> {
  const started = Date.now();
  const { CHROMIUM_PATH: _, ...inherited } = process.env;
  return new Promise((resolve) => {
    execFile(process.execPath, ['scripts/preflight.mjs'], { cwd: root, env: { ...inherited, ...env }, timeout: 30_000 }, (error, stdout, stderr) =>
      resolve({ code: error ? Number(error.code ?? 1) : 0, stdout, stderr, ms: Date.now() - started }),
    );
  });
}

describe('npm test on a machine without redis-server or Chromium', () => {
  it('runs the preflight first', async () => {
    const { readFile } = await import('node:fs/promises');
    const { scripts } = JSON.parse(await readFile(join(root, 'package.json'), 'utf8')) as { scripts: Record<string, string> };
    expect(scripts.test).toMatch(/^node scripts\/preflight\.mjs && /);
  });

  it('stops at once with one line naming both and how to get them', async () => {
    const missing = join(bare, 'no-chromium-here');
    const result = await preflight({ PATH: bare, CHROMIUM_PATH: missing });
    expect(result.code).toBe(1);
    expect(result.ms).toBeLessThan(10_000); // the promise of the README: not a hang, not a minute of failing tests
    expect(result.stdout).toBe('');
    const lines = result.stderr.trim().split('\n');
    expect(lines).toHaveLength(1);
    expect(lines[0]).toContain('redis-server');
    expect(lines[0]).toContain(missing);
    expect(lines[0]).toContain('apt-get install -y redis-server');
    expect(lines[0]).toContain('CHROMIUM_PATH');
  });

  it('names the apt command when redis-server is missing and installing is off', async () => {
    const result = await preflight({ PATH: bare, RINGKIT_NO_INSTALL: '1' });
    expect(result.code).toBe(1);
    expect(result.stderr.trim().split('\n')).toEqual([expect.stringMatching(/^npm test needs redis-server .*apt-get install -y redis-server/)]);
  });

  it('says nothing and passes when both are there (this machine)', async () => {
    const result = await preflight({});
    expect(result).toMatchObject({ code: 0, stdout: '', stderr: '' });
  });
});
