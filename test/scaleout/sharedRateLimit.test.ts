import { randomUUID } from 'node:crypto';
import { describe, expect, inject, it, onTestFinished } from 'vitest';
import { createRedisStorage } from '../../src/server/redis/createRedisStorage.js';

const url = inject('redisUrl');

/** Waits for the start of a fresh second, so a short burst falls in one window. */
async function startOfSecond() {
  await new Promise((resolve) => setTimeout(resolve, 1000 - (Date.now() % 1000) + 5));
}

describe('the request rate is one budget across nodes', () => {
  it('counts requests for a user on two nodes against the same per-second budget', async () => {
    const keyPrefix = `rate:${randomUUID()}:`;
    const [node1, node2] = [await createRedisStorage({ url, keyPrefix }), await createRedisStorage({ url, keyPrefix })];
    onTestFinished(async () => {
      await node1.close();
      await node2.close();
    });
    await startOfSecond();
    const answers: boolean[] = [];
    for (let i = 0; i < 4; i++) {
      answers.push(await node1.takeRequestToken('alice', 5));
      answers.push(await node2.takeRequestToken('alice', 5));
    }
    expect(answers.filter(Boolean)).toHaveLength(5);
    expect(answers.slice(0, 5).every(Boolean)).toBe(true);
    expect(await node1.takeRequestToken('bob', 5)).toBe(true);

    await startOfSecond();
    expect(await node2.takeRequestToken('alice', 5)).toBe(true);
  });
});
