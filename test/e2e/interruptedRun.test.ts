import { spawn } from 'node:child_process';
import { once } from 'node:events';
import { connect } from 'node:net';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';

const repo = join(import.meta.dirname, '..', '..');

/** Whether something accepts TCP connections on `port` (loopback). */
const listening = (port: number) =>
  new Promise<boolean>((resolve) => {
    const socket = connect(port, '127.0.0.1');
    socket.once('connect', () => (socket.destroy(), resolve(true)));
    socket.once('error', () => resolve(false));
  });

// An interrupted `npm test` (Ctrl-C, a CI timeout, a SIGKILL) must not leave the demo server that
// the e2e setup started listening: it runs in its own process group, so nothing else stops it.
describe('the demo started for the e2e tests', { timeout: 90_000 }, () => {
  it.each(['SIGINT', 'SIGKILL'] as const)('stops when the process that started it gets %s', async (signal) => {
    const holder = spawn(process.execPath, ['--import', 'tsx', 'test/e2e/support/holdDemo.ts'], { cwd: repo, stdio: ['ignore', 'pipe', 'inherit'] });
    let output = '';
    const port = await new Promise<number>((resolve, reject) => {
      holder.stdout.on('data', (chunk: Buffer) => {
        output += chunk.toString();
        const match = /demo http:\/\/[^:]+:(\d+)/.exec(output);
        if (match) resolve(Number(match[1]));
      });
      holder.once('exit', (code) => reject(new Error(`holdDemo exited (${code}) before the demo was up:\n${output}`)));
    });
    expect(await listening(port)).toBe(true);

    const exited = once(holder, 'exit');
    holder.kill(signal);
    await exited;
    await expect.poll(() => listening(port), { timeout: 20_000, interval: 200 }).toBe(false);
  });
});
