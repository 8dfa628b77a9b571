import { describe, expect, inject, it, onTestFinished } from 'vitest';
import { RingkitError } from '../../src/protocol/errors.js';
import { connectRedis } from '../../src/server/redis/connectRedis.js';

describe('a Redis command that gets no reply', () => {
  it('fails with INTERNAL after commandTimeoutMs instead of waiting forever', async () => {
    const url = inject('redisUrl');
    const redis = await connectRedis({ url, commandTimeoutMs: 300 });
    const admin = await connectRedis({ url });
    onTestFinished(async () => {
      await admin.call(['CLIENT', 'UNPAUSE']);
      await Promise.all([redis.close(), admin.close()]);
    });
    // Redis holds every write for 1.5 s (then UNPAUSE): the command is sent, and its reply does not come in time.
    await admin.call(['CLIENT', 'PAUSE', '1500', 'WRITE']);
    const error = await redis.call(['SET', 'ringkit:test:paused', '1']).then(() => undefined, (err: unknown) => err);
    expect(error).toBeInstanceOf(RingkitError);
    expect(error).toMatchObject({ code: 'INTERNAL', message: 'storage unavailable: no reply within 300 ms' });
  });
});
