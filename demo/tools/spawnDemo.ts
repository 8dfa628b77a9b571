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

function signal(child: ChildProcess, name: NodeJS.Signals): void {
  try {
    if (child.pid !== undefined) process.kill(-child.pid, name);
  } catch {
    // already gone
  }
}
