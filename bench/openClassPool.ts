import { Worker } from 'node:worker_threads';

/** What a class worker (`classWorker.ts`) is told to do; it answers each command when it is done. */
export type ClassCommand =
  | { cmd: 'connect'; room: string }
  | { cmd: 'armNews' }
  | { cmd: 'armRing' }
  | { cmd: 'armReceived'; inviteID: string }
  | { cmd: 'armAccepted'; inviteID: string; n: number }
  | { cmd: 'wait' }
  | { cmd: 'echo' }
  | { cmd: 'accept'; inviteID: string }
  | { cmd: 'close' };

/**
 * A class's members split over `workers` worker threads: `all(command)` sends it to every
 * worker and resolves with their answers once each is done.
 * @example const pool = await openClassPool('ringkit', url, ids, 2); await pool.all({ cmd: 'armRing' })
 */
export async function openClassPool(kind: 'bare' | 'ringkit', url: string, ids: string[], workers: number, room = '') {
  const count = Math.max(1, Math.min(workers, ids.length));
  const per = Math.ceil(ids.length / count);
  // Node 20 does not run `--import tsx` in workers: the worker registers tsx itself, then loads the TypeScript.
  const boot = `import('tsx/esm/api').then((tsx) => { tsx.register(); return import(${JSON.stringify(new URL('./classWorker.ts', import.meta.url).href)}); })`;
  const threads = Array.from({ length: count }, (_, w) => new Worker(boot, { eval: true, workerData: { kind, url, ids: ids.slice(w * per, (w + 1) * per) } }));
  const waiting = new Map<number, { resolve(v: unknown): void; reject(e: Error): void }>();
  let nextID = 0;
  for (const t of threads) {
    t.on('message', (msg: { id: number; result?: unknown; error?: string }) => {
      const w = waiting.get(msg.id);
      waiting.delete(msg.id);
      if (msg.error !== undefined) w?.reject(new Error(msg.error));
      else w?.resolve(msg.result);
    });
    t.on('error', (err) => {
      for (const w of waiting.values()) w.reject(err);
    });
  }
  const one = (t: Worker, command: ClassCommand) =>
    new Promise<unknown>((resolve, reject) => {
      const id = nextID++;
      waiting.set(id, { resolve, reject });
      t.postMessage({ ...command, id });
    });
  const all = <T = unknown>(command: ClassCommand) => Promise.all(threads.map((t) => one(t, command))) as Promise<T[]>;
  await all({ cmd: 'connect', room });
  return {
    all,
    async close() {
      await all({ cmd: 'close' });
      await Promise.all(threads.map((t) => t.terminate()));
    },
  };
}
