/**
 * A token bucket per key: `perSecond` tokens refilled each second, bursts up to `perSecond`.
 * @example const limiter = createRateLimiter(50, Date.now); if (!limiter.take('alice')) throw ...
 */
export function createRateLimiter(perSecond: number, now: () => number) {
  const buckets = new Map<string, { tokens: number; at: number }>();
  return {
    /** Takes one token; false when the key is over its rate. */
    take(key: string): boolean {
      const t = now();
      const bucket = buckets.get(key) ?? { tokens: perSecond, at: t };
      bucket.tokens = Math.min(perSecond, bucket.tokens + ((t - bucket.at) / 1000) * perSecond);
      bucket.at = t;
      buckets.set(key, bucket);
      if (buckets.size > 10_000) for (const [k, b] of buckets) if (b.tokens >= perSecond) buckets.delete(k);
      if (bucket.tokens < 1) return false;
      bucket.tokens -= 1;
      return true;
    },
  };
}
