import type { Namespace } from 'socket.io';
import type { RingkitServerOptions } from '../createRingkitServer.js';
import { closeClient, createRedisClient, reconnectStrategy, withTimeout, type RedisClientLike } from './connectRedis.js';
import { createPubSubRecovery } from './createPubSubRecovery.js';
import { createSentinelClient, type RedisSentinelTarget } from './createSentinelClient.js';
import { createRedisGroupDirectory } from './createRedisGroupDirectory.js';
import { createRedisStorage, type RedisStorageOptions } from './createRedisStorage.js';
import { loadRedisPackage } from './loadRedisPackage.js';

/**
 * Options of `redisServerOptions`.
 * @example await redisServerOptions('redis://127.0.0.1:6379', { keyPrefix: 'myapp:', retentionSeconds: 86_400 })
 */
export interface RedisServerOptionsOptions
  extends Pick<RedisStorageOptions, 'retentionSeconds' | 'nodeID' | 'presenceTtlMs' | 'connectTimeoutMs' | 'commandTimeoutMs' | 'waitForReplicas' | 'replicaWaitMs'> {
  /**
   * Prefix of every key and of the socket.io channels; default env `RINGKIT_REDIS_PREFIX`, else
   * `ringkit:`. Nodes of one deployment must share it; deployments sharing a Redis must not.
   */
  keyPrefix?: string;
  /**
   * Redis connection errors (the clients reconnect by themselves), and commits no replica
   * confirmed in time (`waitForReplicas`). Default: one stderr line per 10 s.
   */
  onError?: (err: Error) => void;
}

/**
 * What `redisServerOptions` adds to `createRingkitServer`'s options.
 * @example const { storage, groups, adapter, onClose }: RedisServerOptions = await redisServerOptions(url)
 */
export type RedisServerOptions = Required<Pick<RingkitServerOptions, 'storage' | 'groups' | 'adapter' | 'onClose'>>;

/**
 * Everything a server node needs to share one Redis with other nodes (docs/protocol.md section 9,
 * "Scale-out"), given a URL or a Sentinel deployment (`{ sentinels, name }`; then every connection
 * follows the primary through failovers and each commit waits for one replica, see
 * `waitForReplicas`),
 * as the Redis storage, the Redis group directory, and the socket.io Redis pub/sub
 * adapter that relays notifications to sockets on every node, plus an `onClose` that releases
 * the three connections (storage and groups share one; the adapter's publisher and subscriber
 * are the other two).
 *
 * Pub/sub delivers at most once: a message published while a node's subscriber is disconnected
 * is lost for that node, and one whose publish failed may be lost for every node. So after any
 * sign that the node's subscriber dropped, once a probe published by the node comes back through
 * it (and Redis answers again), the node closes the transports of its local sockets; and a node
 * whose publish failed tells the others to do the same (`createPubSubRecovery`). Clients
 * reconnect by themselves and resynchronise from storage, which holds every change before it is
 * published, and nothing is missed.
 *
 * Needs the optional peer dependencies `redis` and `@socket.io/redis-adapter`; rejects with an
 * error naming them when they are not installed.
 * @example
 * const server = await createRingkitServer({
 *   port: 4000,
 *   auth: { jwt: { secret } },
 *   ...(await redisServerOptions('redis://127.0.0.1:6379')),
 *   // or: ...(await redisServerOptions({ sentinels: ['10.0.0.5:26379', '10.0.0.6:26379', '10.0.0.7:26379'], name: 'ringkit' })),
 * })
 */
export async function redisServerOptions(target: string | RedisSentinelTarget, opts: RedisServerOptionsOptions = {}): Promise<RedisServerOptions> {
  const keyPrefix = opts.keyPrefix ?? process.env.RINGKIT_REDIS_PREFIX ?? 'ringkit:';
  const onError = opts.onError ?? throttledWarning();
  const connectTimeoutMs = opts.connectTimeoutMs ?? 10_000;

  const [{ createClient }, { createAdapter }] = await Promise.all([loadRedisPackage('redis'), loadRedisPackage('@socket.io/redis-adapter')]);
  const sentinel = typeof target === 'string' ? undefined : target;
  const main = sentinel ? await createSentinelClient(sentinel) : await createRedisClient(target as string);
  // A publish made while the connection is being re-established is sent once it is back.
  const pubOf = async (): Promise<RedisClientLike & PubSubClient> =>
    sentinel
      ? ((await createSentinelClient(sentinel, { pubsub: true })) as unknown as RedisClientLike & PubSubClient)
      : (createClient({ url: target as string, commandsQueueMaxLength: 10_000, socket: { reconnectStrategy } }) as unknown as RedisClientLike & PubSubClient);
  const [pub, sub] = await Promise.all([pubOf(), pubOf()]);
  const clients = [main, pub, sub] as const;
  // The storage reports the errors of `main` (it attaches onError itself).
  for (const client of [pub, sub]) client.on('error', onError);

  const destroyAll = () => {
    for (const client of clients) if (client.isOpen) client.destroy();
  };
  try {
    await withTimeout(Promise.all(clients.map((client) => client.connect())), connectTimeoutMs, `no connection to Redis within ${connectTimeoutMs} ms`);
  } catch (err) {
    destroyAll();
    throw err;
  }

  const storage = await createRedisStorage({
    ...storageOptionsOf(opts),
    keyPrefix,
    client: main,
    onError,
    ...(sentinel && opts.waitForReplicas === undefined && { waitForReplicas: 1 }),
  });
  const groups = await createRedisGroupDirectory({ keyPrefix, client: main });

  const namespaces = new Set<Namespace>();
  let closed = false;
  const recovery = createPubSubRecovery({
    keyPrefix,
    pub,
    sub,
    storageReady: () => main.isReady && pub.isReady,
    isClosed: () => closed,
    resync: () => {
      for (const nsp of namespaces) for (const socket of nsp.sockets.values()) socket.conn.close();
    },
  });
  await withTimeout(recovery.start(), connectTimeoutMs, `no pub/sub on Redis within ${connectTimeoutMs} ms`).catch((err: unknown) => {
    destroyAll();
    throw err;
  });
  const base = createAdapter(swallowRejections(pub, onError, recovery.publishFailed), swallowRejections(sub, onError), { key: `${keyPrefix}io` });
  // socket.io calls the adapter with `new`, so this must be a plain function (it returns the instance).
  const adapter = function (nsp: Namespace) {
    namespaces.add(nsp);
    return base(nsp);
  };

  return {
    storage,
    groups,
    adapter: adapter as RedisServerOptions['adapter'],
    async onClose() {
      closed = true;
      recovery.stop();
      await groups.close();
      await Promise.all(clients.map(closeClient));
    },
  };
}

/** The pub/sub surface of a node-redis client the adapter uses (typed loosely: the adapter takes `any`). */
interface PubSubClient {
  on(event: string, listener: (...args: never[]) => void): unknown;
  publish(channel: string, message: string): Promise<unknown>;
  subscribe(channels: string, listener: (message: string) => void): Promise<unknown>;
  pSubscribe(patterns: string, listener: (message: string) => void): Promise<unknown>;
}

/** The storage's own options (the connection and `onError` are given separately). */
function storageOptionsOf(opts: RedisServerOptionsOptions): Omit<RedisStorageOptions, 'url' | 'client' | 'keyPrefix' | 'onError'> {
  const { keyPrefix: _prefix, onError: _onError, ...rest } = opts;
  return rest;
}

/**
 * The adapter calls `publish`/`unsubscribe` without awaiting them; a rejection there (Redis gone
 * at that moment) would be an unhandled rejection and end the process. This wraps the client so
 * those calls report to `onError` instead, and tells `onPublishFailed` about a publish that
 * failed or reached no subscriber (the message may be lost for every node).
 */
function swallowRejections<T extends object>(client: T, onError: (err: Error) => void, onPublishFailed?: () => void): T {
  const fireAndForget = new Set(['publish', 'sPublish', 'subscribe', 'pSubscribe', 'sSubscribe', 'unsubscribe', 'pUnsubscribe', 'sUnsubscribe']);
  return new Proxy(client, {
    get(target, prop) {
      const value = Reflect.get(target, prop, target) as unknown;
      if (typeof value !== 'function') return value;
      const bound = (value as (...args: unknown[]) => unknown).bind(target);
      if (typeof prop !== 'string' || !fireAndForget.has(prop)) return bound;
      return (...args: unknown[]) => {
        const result = bound(...args);
        if (result instanceof Promise) {
          const publishing = prop === 'publish' || prop === 'sPublish';
          result.then(
            // Every node's subscriber, this one's too, listens on every channel the adapter
            // publishes to: no receiver at all means the message reached a server nobody listens
            // on (a demoted primary, or the new one before any subscriber moved there).
            (receivers: unknown) => publishing && receivers === 0 && onPublishFailed?.(),
            (err: unknown) => {
              onError(err instanceof Error ? err : new Error(String(err)));
              if (publishing) onPublishFailed?.();
            },
          );
        }
        return result;
      };
    },
  });
}

function throttledWarning(): (err: Error) => void {
  let last = 0;
  return (err) => {
    if (Date.now() - last < 10_000) return;
    last = Date.now();
    process.stderr.write(`ringkit: Redis connection problem (retrying): ${err.message}\n`);
  };
}
