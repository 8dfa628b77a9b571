import { loadRedisPackage } from './loadRedisPackage.js';

/**
 * A Redis deployment watched by Sentinel: the sentinels to ask and the name they know the
 * primary by. Every connection ringkit makes follows the primary through failovers.
 * @example const target: RedisSentinelTarget = { sentinels: ['10.0.0.5:26379', '10.0.0.6:26379', '10.0.0.7:26379'], name: 'ringkit' }
 */
export interface RedisSentinelTarget {
  /** Sentinel addresses, `host:port` strings or `{ host, port }`; two or three are enough to find the rest. */
  sentinels: (string | { host: string; port: number })[];
  /** The primary's name in the sentinels' configuration (`sentinel monitor <name> …`). */
  name: string;
  /** ACL user and password of the data nodes (primary and replicas), when they need one. */
  username?: string;
  password?: string;
  /** Password of the sentinels themselves (`requirepass` in sentinel.conf), when they need one. */
  sentinelPassword?: string;
}

/**
 * A Sentinel-backed client with the calls ringkit's storage uses (a `RedisClientLike`), plus the publish/subscribe
 * calls the socket.io adapter makes. Emits `ready` when a new primary serves after a failover and
 * `reconnecting` while it is being found (the adapter's subscriber uses these).
 * @example const client: SentinelClientLike = await createSentinelClient(target); await client.connect()
 */
export interface SentinelClientLike {
  sendCommand(args: string[], options?: { timeout?: number }): Promise<unknown>;
  on(event: string, listener: (...args: never[]) => void): unknown;
  off(event: string, listener: (...args: never[]) => void): unknown;
  readonly isOpen: boolean;
  readonly isReady: boolean;
  connect(): Promise<unknown>;
  close(): Promise<void>;
  destroy(): void;
}

/** Thrown into node-redis Sentinel's retry loop to stop it: a plain object (not an Error) is passed through without a retry. */
const GIVE_UP = Symbol('ringkit: not sent again');

/**
 * Parses `host:port,host:port` (the CLI's `--redis-sentinel`) into sentinel addresses.
 * @example parseSentinelList('10.0.0.5:26379,10.0.0.6') // [{ host: '10.0.0.5', port: 26379 }, { host: '10.0.0.6', port: 26379 }]
 */
export function parseSentinelList(list: string | (string | { host: string; port: number })[]): { host: string; port: number }[] {
  const items = typeof list === 'string' ? list.split(',') : list;
  return items
    .map((item) => (typeof item === 'string' ? item.trim() : item))
    .filter((item) => item !== '')
    .map((item) => {
      if (typeof item !== 'string') return item;
      const bracketed = /^\[(.+)\](?::(\d+))?$/.exec(item);
      const [host, port] = bracketed ? [bracketed[1]!, bracketed[2]] : item.includes(':') ? [item.slice(0, item.lastIndexOf(':')), item.slice(item.lastIndexOf(':') + 1)] : [item, undefined];
      const number = port === undefined ? 26379 : Number(port);
      if (!host || !Number.isInteger(number) || number <= 0 || number > 65535) throw new Error(`ringkit: bad sentinel address "${item}" (expected host:port)`);
      return { host, port: number };
    });
}

/**
 * A node-redis Sentinel client (`createSentinel`) set up the way ringkit's storage wants it, not
 * connected yet. node-redis waits through a failover and resends a command on the new primary;
 * ringkit's storage must fail fast instead (a caller gets `INTERNAL` at once and retries with the
 * same requestID), and must never have a command applied after its caller gave up. So:
 * - `isReady` is false from the first error of the primary connection until a PING through the
 *   sentinel client answers again (probed every 200 ms meanwhile), so calls fail at once;
 * - every `sendCommand` is sent at most once: when node-redis would resend it on the new primary
 *   it rejects instead (the write may or may not have reached the old primary; the engine's
 *   compare-and-set and request outcomes make the caller's retry safe either way).
 *
 * `pubsub: true` makes the client for the socket.io adapter: `sendCommand(args)` is adapted to
 * the adapter's call shape and publish/subscribe go through node-redis, which moves the
 * subscriptions to the new primary.
 * @example
 * const client = await createSentinelClient({ sentinels: ['127.0.0.1:26379'], name: 'ringkit' })
 * await client.connect()
 */
export async function createSentinelClient(target: RedisSentinelTarget, options: { pubsub?: boolean } = {}): Promise<SentinelClientLike> {
  const { createSentinel } = await loadRedisPackage('redis');
  const auth = { ...(target.username && { username: target.username }), ...(target.password && { password: target.password }) };
  const sentinel = createSentinel({
    name: target.name,
    sentinelRootNodes: parseSentinelList(target.sentinels),
    // Topology is also learned from the sentinels' +switch-master messages; the scan is a backstop.
    scanInterval: 5000,
    nodeClientOptions: options.pubsub ? { ...auth, commandsQueueMaxLength: 10_000 } : { ...auth, disableOfflineQueue: true, pingInterval: 5000 },
    ...(target.sentinelPassword && { sentinelClientOptions: { password: target.sentinelPassword } }),
  });

  let healthy = true;
  let probing = false;
  const probe = () => {
    if (probing || !sentinel.isOpen) return;
    probing = true;
    void (async () => {
      while (!healthy && sentinel.isOpen) {
        await new Promise((resolve) => setTimeout(resolve, 200));
        try {
          await sentinel.sendCommand(false, ['PING']);
          healthy = true;
        } catch {
          // still failing over; try again
        }
      }
      probing = false;
    })();
  };
  const unhealthy = () => {
    healthy = false;
    probe();
  };
  sentinel.on('client-error', (event: { type: string }) => {
    if (event.type === 'MASTER' || event.type === 'PUBSUBPROXY') unhealthy();
  });
  sentinel.on('reconnecting', unhealthy);
  // An 'error' with no listener would throw; callers attach theirs with on('error').
  sentinel.on('error', () => {});

  const sendCommand = (args: string[], commandOptions?: { timeout?: number }) =>
    new Promise<unknown>((resolve, reject) => {
      let attempts = 0;
      sentinel
        ._execute(false, (client) => {
          if (++attempts > 1) throw GIVE_UP;
          const reply = client.sendCommand(args, commandOptions);
          // The primary's connection broke under this command: answer now, not after node-redis
          // has found the new primary (it would not resend it anyway, see GIVE_UP).
          reply.catch((err: unknown) => {
            if (client.isReady) return;
            unhealthy();
            reject(err instanceof Error ? err : new Error(String(err)));
          });
          return reply;
        })
        .then(resolve, (err: unknown) => {
          if (err === GIVE_UP) unhealthy();
          reject(err === GIVE_UP ? new Error('the Redis primary changed while the command was in flight') : err);
        });
    });

  const wrapper = {
    sendCommand,
    on: (event: string, listener: (...args: never[]) => void) => (sentinel.on(event, listener as (...args: unknown[]) => void), wrapper),
    off: (event: string, listener: (...args: never[]) => void) => (sentinel.off(event, listener as (...args: unknown[]) => void), wrapper),
    get isOpen() {
      return sentinel.isOpen;
    },
    get isReady() {
      return sentinel.isReady && healthy;
    },
    async connect() {
      await sentinel.connect();
      return wrapper;
    },
    close: () => sentinel.close(),
    destroy: () => void sentinel.destroy().catch(() => {}),
  };
  if (!options.pubsub) return wrapper;

  // The adapter calls publish/subscribe/pSubscribe/unsubscribe/pUnsubscribe on the client, and
  // sendCommand(args) for PUBSUB NUMSUB; the rest of node-redis' surface is passed through.
  return new Proxy(wrapper, {
    get(target, prop, receiver) {
      if (prop in target) return Reflect.get(target, prop, receiver) as unknown;
      const value = Reflect.get(sentinel, prop, sentinel) as unknown;
      return typeof value === 'function' ? (value as (...args: unknown[]) => unknown).bind(sentinel) : value;
    },
  });
}
