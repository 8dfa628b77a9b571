import { spawn, type ChildProcess } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { delimiter, join } from 'node:path';

const repo = join(import.meta.dirname, '..', '..');

/**
 * A demo started the way `npm start` starts it.
 * @example const demo = await spawnDemo(); await page.goto(demo.url); await demo.stop()
 */
export interface SpawnedDemo {
  url: string;
  port: number;
  /** Everything the process printed so far (for failure messages). */
  output(): string;
  /** SIGTERM to the whole process group; resolves once it exited. */
  stop(): Promise<void>;
}

/**
 * Runs `package.json`'s `start` script in a shell with `node_modules/.bin` on the PATH (what
 * `npm start` does) on `port` (0 = any free one), and resolves with the URL it prints.
 * @example const demo = await spawnDemo({ port: 0 }); const again = await spawnDemo({ port: demo.port })
 */
export async function spawnDemo({ port = 0 }: { port?: number } = {}): Promise<SpawnedDemo> {
  const { scripts } = JSON.parse(readFileSync(join(repo, 'package.json'), 'utf8')) as { scripts: { start: string } };
  const child = spawn('sh', ['-c', scripts.start], {
    cwd: repo,
    detached: true,
    stdio: ['ignore', 'pipe', 'pipe'],
    env: { ...process.env, PORT: String(port), LOG_LEVEL: 'warn', PATH: `${join(repo, 'node_modules', '.bin')}${delimiter}${process.env.PATH ?? ''}` },
  });
  let output = '';
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  // The demo runs in its own process group (so stop() reaches tsx's node child too), which also
  // keeps a Ctrl-C in the terminal from reaching it: it must not outlive this process however
  // this one ends (an interrupted `npm test`, a SIGKILL), so a watchdog holds a pipe to us and
  // stops the group when the pipe closes. A normal exit stops it at once as well.
  const watchdog = spawnWatchdog(child);
  const onExit = () => signal(child, 'SIGKILL');
  process.once('exit', onExit);
  void exited.then(() => {
    process.off('exit', onExit);
    watchdog.release();
  });
  const url = await new Promise<string>((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`the demo printed no URL within 60 s:\n${output}`)), 60_000);
    const read = (chunk: Buffer) => {
      output += chunk.toString();
      const match = /ringkit demo .*?(http:\/\/\S+)/.exec(output);
      if (match?.[1]) {
        clearTimeout(timer);
        resolve(match[1]);
      }
    };
    child.stdout?.on('data', read);
    child.stderr?.on('data', read);
    void exited.then(() => {
      clearTimeout(timer);
      reject(new Error(`the demo exited before printing its URL:\n${output}`));
    });
  });
  return {
    url,
    port: Number(new URL(url).port),
    output: () => output,
    async stop() {
      signal(child, 'SIGTERM');
      const killer = setTimeout(() => signal(child, 'SIGKILL'), 10_000);
      await exited;
      clearTimeout(killer);
    },
  };
}

/**
 * A small detached node process that SIGTERMs `child`'s process group (then SIGKILLs it 5 s later)
 * once its stdin, a pipe from this process, closes: when this process exits or is killed.
 */
function spawnWatchdog(child: ChildProcess): { release(): void } {
  const code = `
    const group = -Number(process.argv[1]);
    const kill = (name) => { try { process.kill(group, name); return true; } catch { return false; } };
    process.stdin.on('data', () => undefined);
    process.stdin.on('close', () => {
      if (!kill('SIGTERM')) process.exit(0);
      setTimeout(() => { kill('SIGKILL'); process.exit(0); }, 5000).unref();
      setInterval(() => { if (!kill(0)) process.exit(0); }, 100);
    });`;
  const watchdog = spawn(process.execPath, ['-e', code, String(child.pid)], { detached: true, stdio: ['pipe', 'ignore', 'ignore'] });
  watchdog.unref();
  (watchdog.stdin as unknown as { unref?: () => void } | null)?.unref?.();
  return {
    // The demo has exited: nothing left to guard.
    release: () => void watchdog.kill('SIGKILL'),
  };
}

function signal(child: ChildProcess, name: NodeJS.Signals): void {
  try {
    if (child.pid !== undefined) process.kill(-child.pid, name);
  } catch {
    // already gone
  }
}
