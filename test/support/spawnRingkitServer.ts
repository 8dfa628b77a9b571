import { spawn, type ChildProcess } from 'node:child_process';
import { once } from 'node:events';
import { fileURLToPath } from 'node:url';
import { onTestFinished } from 'vitest';

/** A `ringkit-server` child process. */
export interface RingkitServerProcess {
  url: string;
  pid: number;
  /** Everything it printed (stdout and stderr). */
  output(): string;
  /** SIGKILL (as if the host died) or SIGTERM, and wait for the exit. */
  stop(hard?: boolean): Promise<void>;
}

const cli = fileURLToPath(new URL('../../src/server/cli.ts', import.meta.url));
const root = fileURLToPath(new URL('../..', import.meta.url));

/**
 * Runs `src/server/cli.ts --port 0 ...args` under tsx and resolves with the URL it prints
 * ("ringkit signaling server: http://localhost:PORT"). Killed after the test.
 * @example const node = await spawnRingkitServer(['--dev'], { REDIS_URL: url })
 */
export async function spawnRingkitServer(args: string[], env: Record<string, string> = {}, timeoutMs = 20_000): Promise<RingkitServerProcess> {
  const child = spawn(process.execPath, ['--import', 'tsx', cli, '--port', '0', ...args], {
    cwd: root,
    env: { ...process.env, LOG_LEVEL: 'warn', ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let output = '';
  child.stdout!.on('data', (chunk: Buffer) => (output += chunk.toString()));
  child.stderr!.on('data', (chunk: Buffer) => (output += chunk.toString()));
  const stop = (hard = false) => stopChild(child, hard);
  onTestFinished(() => stop(true));

  const url = await new Promise<string>((resolve, reject) => {
    const timer = setTimeout(() => fail(`no URL within ${timeoutMs} ms`), timeoutMs);
    const onData = () => {
      const match = /ringkit signaling server: (http:\/\/\S+)/.exec(output);
      if (match) done(() => resolve(match[1]!));
    };
    const onExit = (code: number | null) => fail(`exited with ${code}`);
    const done = (then: () => void) => {
      clearTimeout(timer);
      child.stdout!.off('data', onData);
      child.off('exit', onExit);
      then();
    };
    const fail = (why: string) => done(() => reject(new Error(`ringkit-server ${why}:\n${output}`)));
    child.stdout!.on('data', onData);
    child.once('exit', onExit);
  });
  return { url, pid: child.pid!, output: () => output, stop };
}

async function stopChild(child: ChildProcess, hard: boolean): Promise<void> {
  if (child.exitCode !== null || child.signalCode !== null) return;
  const exited = once(child, 'exit');
  child.kill(hard ? 'SIGKILL' : 'SIGTERM');
  await exited;
}
