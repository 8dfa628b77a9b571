import { execFileSync } from 'node:child_process';
import { availableParallelism } from 'node:os';

/**
 * `npm run bench -- --pin`: the servers and the unrelated-call probe on core 0, the bench's own
 * clients (a class's thousand members among them) on the others, as if the clients were on other
 * machines, so the probe measures the server's fairness and not the scheduler's. Linux `taskset`.
 * @example pinBenchProcess(); const child = fork(...); pinToServerCore(child.pid)
 */
export const pinning = (): boolean => process.env.BENCH_PIN === '1';

/** Moves every thread of `pid` (and the threads it makes later) to core 0, when pinning. */
export function pinToServerCore(pid: number | undefined): void {
  if (pinning() && pid !== undefined) execFileSync('taskset', ['-apc', '0', String(pid)], { stdio: 'ignore' });
}

/** Moves the bench's own process (its client threads, and those it starts later) off core 0, when pinning. */
export function pinBenchProcess(): void {
  if (!pinning()) return;
  const cores = availableParallelism();
  if (cores < 2) throw new Error('--pin needs at least 2 cores');
  execFileSync('taskset', ['-apc', `1-${cores - 1}`, String(process.pid)], { stdio: 'ignore' });
}
