import { randomUUID } from 'node:crypto';
import fc from 'fast-check';
import { describe, inject, it } from 'vitest';
import { createMemoryStorage } from '../../src/engine/memory/createMemoryStorage.js';
import { createRedisStorage } from '../../src/server/redis/createRedisStorage.js';
import { runAgainstModel, stepArbitrary } from './modelRunner.js';

/**
 * Issue 13: the engine against a small sequential model of PROTOCOL.md, on the manual clock.
 * Random interleavings of every operation, from four users with two devices each, with devices
 * coming and going and time passing; after every step engine and model agree and the invariants
 * hold (see modelRunner.ts). Shrunk counterexamples live on in modelRegressions.test.ts.
 */
/** More runs for a longer local search: `RINGKIT_PROPERTY_RUNS=2000 npx vitest run test/properties`. */
const runs = Number(process.env.RINGKIT_PROPERTY_RUNS ?? 0);

describe('engine ≡ model (property-based)', () => {
  it('on the in-memory storage', async () => {
    await fc.assert(
      fc.asyncProperty(fc.array(stepArbitrary, { minLength: 5, maxLength: 40 }), async (steps) => {
        await runAgainstModel(createMemoryStorage(), steps);
      }),
      { numRuns: runs || 150 },
    );
  });

  it('on the Redis storage', async () => {
    await fc.assert(
      fc.asyncProperty(fc.array(stepArbitrary, { minLength: 5, maxLength: 30 }), async (steps) => {
        const storage = await createRedisStorage({ url: inject('redisUrl'), keyPrefix: `prop:${randomUUID()}:` });
        try {
          await runAgainstModel(storage, steps);
        } finally {
          await storage.close();
        }
      }),
      { numRuns: Math.ceil((runs || 150) / 5) },
    );
  }, 60_000);
});
