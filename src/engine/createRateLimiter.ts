/**
 * A token bucket per key: `perSecond` tokens refilled each second, bursts up to `perSecond`.
 * A request may cost more than one token (see `requestCost`).
 * @example const limiter = createRateLimiter(50, Date.now); if (!limiter.take('alice')) throw ...
 */
export function createRateLimiter(perSecond: number, now: () => number) {
  const buckets = new Map<string, { tokens: number; at: number }>();
  return {
    /** Takes `cost` tokens; false (and none taken) when the key has fewer left. */
    take(key: string, cost = 1): boolean {
      const t = now();
      const bucket = buckets.get(key) ?? { tokens: perSecond, at: t };
      bucket.tokens = Math.min(perSecond, bucket.tokens + ((t - bucket.at) / 1000) * perSecond);
      bucket.at = t;
      buckets.set(key, bucket);
      if (buckets.size > 10_000) for (const [k, b] of buckets) if (b.tokens >= perSecond) buckets.delete(k);
      if (bucket.tokens < cost) return false;
      bucket.tokens -= cost;
      return true;
    },
  };
}
