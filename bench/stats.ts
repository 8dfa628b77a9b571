/** Latency summary of one series of samples (ms). */
export interface Summary {
  n: number;
  p50: number;
  p90: number;
  p99: number;
}

/**
 * p50/p90/p99 of samples (nearest rank).
 * @example summarize([1, 2, 3]).p50 // 2
 */
export function summarize(samples: number[]): Summary {
  const sorted = [...samples].sort((a, b) => a - b);
  const at = (p: number) => sorted[Math.min(sorted.length - 1, Math.max(0, Math.ceil(sorted.length * p) - 1))] ?? NaN;
  return { n: sorted.length, p50: at(0.5), p90: at(0.9), p99: at(0.99) };
}

/** Resolves after `ms`. */
export const sleep = (ms: number) => new Promise<void>((r) => setTimeout(r, ms));

/** Resolves once `check()` is true, checked after each event of `subscribe`. */
export function until(check: () => boolean, subscribe: (listener: () => void) => () => void): Promise<void> {
  return new Promise((resolve) => {
    if (check()) return resolve();
    const off = subscribe(() => {
      if (!check()) return;
      off();
      resolve();
    });
  });
}

/** Rounds for the table. */
export const round = (x: number, digits = 2) => Number.isFinite(x) ? Number(x.toFixed(digits)) : x;

/**
 * Runs every loop's `sample()` back to back, all at once, for `ms`; returns the cycles completed per second.
 * @example const rate = await cyclesPerSecond(pairs, 3000)
 */
export async function cyclesPerSecond(loops: { sample(): Promise<unknown> }[], ms: number): Promise<number> {
  let cycles = 0;
  const start = performance.now();
  await Promise.all(
    loops.map(async (loop) => {
      while (performance.now() - start < ms) {
        await loop.sample();
        cycles++;
      }
    }),
  );
  return cycles / ((performance.now() - start) / 1000);
}
