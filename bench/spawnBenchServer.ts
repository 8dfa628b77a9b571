import { fork } from 'node:child_process';
import { pinToServerCore } from './pinCores.js';
import { fileURLToPath } from 'node:url';

/** What kind of server a bench process runs. */
export interface BenchServerConfig {
  kind: 'ws' | 'bare' | 'ringkit';
  redisUrl?: string;
  keyPrefix?: string;
  coalesceWindowMs?: number;
  /** Replicas each commit waits for (`WAIT`), see `redisServerOptions`. */
  waitForReplicas?: number;
}

/** The RPCs a bench server process answers. */
export type BenchRequest =
  | { cmd: 'stats' }
  | { cmd: 'heap' }
  | { cmd: 'loopDelay' }
  | { cmd: 'createGroup'; groupID: string; members: string[] }
  | { cmd: 'profileStart' }
  | { cmd: 'profileStop'; path: string }
  | { cmd: 'exit' };

/** Counters of a bench server process. */
export interface ServerStats {
  packets: number;
  /** Connections made so far (a reconnect counts again). */
  connections: number;
  cpuMs: number;
}

/**
 * A bench server running in its own Node process.
 * @example const bare = await spawnBenchServer({ kind: 'bare' }); await bare.call({ cmd: 'stats' }); await bare.stop()
 */
export interface BenchServer {
  url: string;
  pid: number;
  call<T = unknown>(req: BenchRequest): Promise<T>;
  stats(): Promise<ServerStats>;
  stop(): Promise<void>;
}

const entry = fileURLToPath(new URL('./serverProcess.ts', import.meta.url));

/**
 * Forks `serverProcess.ts` under tsx (with `--expose-gc`) and waits for its URL.
 * @example const ringkit = await spawnBenchServer({ kind: 'ringkit' })
 */
export async function spawnBenchServer(config: BenchServerConfig): Promise<BenchServer> {
  const child = fork(entry, [], {
    // BENCH_SERVER_FLAGS: extra Node/V8 flags for the ringkit server (tracing, e.g. `--trace-deopt`).
    execArgv: ['--import', 'tsx', '--expose-gc', '--max-old-space-size=4096', ...(config.kind === 'ringkit' ? (process.env.BENCH_SERVER_FLAGS ?? '').split(' ').filter(Boolean) : [])],
    env: { ...process.env, BENCH_SERVER: JSON.stringify(config) },
    stdio: ['ignore', 'inherit', 'inherit', 'ipc'],
  });
  pinToServerCore(child.pid);
  const waiting = new Map<number, { resolve(v: unknown): void; reject(e: Error): void }>();
  let nextID = 0;
  const url = await new Promise<string>((resolve, reject) => {
    child.once('exit', (code) => reject(new Error(`bench server (${config.kind}) exited with ${code}`)));
    child.on('message', (msg: { ready?: string; id?: number; result?: unknown; error?: string }) => {
      if (msg.ready) return resolve(msg.ready);
      const w = waiting.get(msg.id!);
      waiting.delete(msg.id!);
      if (msg.error) w?.reject(new Error(msg.error));
      else w?.resolve(msg.result);
    });
  });
  const call = <T>(req: BenchRequest) =>
    new Promise<T>((resolve, reject) => {
      const id = nextID++;
      waiting.set(id, { resolve: resolve as (v: unknown) => void, reject });
      child.send({ ...req, id });
    });
  return {
    url,
    pid: child.pid!,
    call,
    stats: () => call<ServerStats>({ cmd: 'stats' }),
    async stop() {
      if (child.exitCode !== null) return;
      const exited = new Promise((r) => child.once('exit', r));
      await call({ cmd: 'exit' }).catch(() => undefined);
      await Promise.race([exited, new Promise((r) => setTimeout(r, 3000))]);
      if (child.exitCode === null) child.kill('SIGKILL');
    },
  };
}
