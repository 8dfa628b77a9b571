import { describe, expect, it } from 'vitest';
import { parseSentinelList } from '../../src/server/redis/createSentinelClient.js';
import { spawnRingkitServer } from '../support/spawnRingkitServer.js';

describe('Sentinel addresses (--redis-sentinel)', () => {
  it('reads host:port lists, bracketed IPv6, and the default port 26379', () => {
    expect(parseSentinelList('10.0.0.5:26379, 10.0.0.6:26380,sentinel-c')).toEqual([
      { host: '10.0.0.5', port: 26379 },
      { host: '10.0.0.6', port: 26380 },
      { host: 'sentinel-c', port: 26379 },
    ]);
    expect(parseSentinelList(['[::1]:26379', { host: 'h', port: 1 }])).toEqual([
      { host: '::1', port: 26379 },
      { host: 'h', port: 1 },
    ]);
  });

  it('refuses an address it cannot read, naming it', () => {
    expect(() => parseSentinelList('10.0.0.5:notaport')).toThrow(/bad sentinel address "10.0.0.5:notaport"/);
    expect(() => parseSentinelList('10.0.0.5:70000')).toThrow(/bad sentinel address/);
  });

  it('the CLI refuses --redis and --redis-sentinel together', async () => {
    const run = spawnRingkitServer(['--dev', '--redis', 'redis://127.0.0.1:1', '--redis-sentinel', '127.0.0.1:1'], {}, 15_000);
    await expect(run).rejects.toThrow(/either --redis or --redis-sentinel/);
  });
});
