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
