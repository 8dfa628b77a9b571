import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { startRedisServer } from '../test/support/startRedisServer.js';
import { openRingkitPair } from './latency.js';
import { spawnBenchServer } from './spawnBenchServer.js';
import { sleep, summarize, type Summary } from './stats.js';

/** Same-node and cross-node 1v1 cycles over Redis. */
export interface CrossNodeResult {
  sameNodeRing: Summary;
  crossNodeRing: Summary;
  sameNodeAccepted: Summary;
  crossNodeAccepted: Summary;
}

/**
 * Two ringkit nodes sharing a redis-server (started here on a unix socket): alice on node A calls
 * carol on A and bob on B, interleaved.
 * @example await measureCrossNode(200)
 */
export async function measureCrossNode(rounds: number): Promise<CrossNodeResult> {
  const dir = mkdtempSync(join(tmpdir(), 'ringkit-bench-'));
  const redis = await startRedisServer(join(dir, 'redis.sock'));
  const config = { kind: 'ringkit' as const, redisUrl: redis.url, keyPrefix: 'bench:' };
  const [a, b] = await Promise.all([spawnBenchServer(config), spawnBenchServer(config)]);
  try {
    const same = await openRingkitPair(a.url, a.url, 'x-alice', 'x-carol');
    const cross = await openRingkitPair(a.url, b.url, 'y-alice', 'y-bob');
    const out = { sameRing: [] as number[], crossRing: [] as number[], sameAcc: [] as number[], crossAcc: [] as number[] };
    for (let i = 0; i < rounds + 10; i++) {
      const s = await same.sample();
      const c = await cross.sample();
      await sleep(1);
      if (i < 10) continue;
      out.sameRing.push(s.ring);
      out.crossRing.push(c.ring);
      out.sameAcc.push(s.answered);
      out.crossAcc.push(c.answered);
    }
    same.close();
    cross.close();
    return {
      sameNodeRing: summarize(out.sameRing),
      crossNodeRing: summarize(out.crossRing),
      sameNodeAccepted: summarize(out.sameAcc),
      crossNodeAccepted: summarize(out.crossAcc),
    };
  } finally {
    await Promise.all([a.stop(), b.stop()]);
    await redis.stop();
    rmSync(dir, { recursive: true, force: true });
  }
}
