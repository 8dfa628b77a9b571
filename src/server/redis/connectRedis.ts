import { createHash } from 'node:crypto';
import { isRingkitError, RingkitError } from '../../protocol/errors.js';
import { createSentinelClient, type RedisSentinelTarget } from './createSentinelClient.js';
import { loadRedisPackage } from './loadRedisPackage.js';

/**
 * The part of a node-redis client ringkit uses; any `createClient()` result fits.
 * @example const client: RedisClientLike = createClient({ url: 'redis://localhost:6379' })
 */
export interface RedisClientLike {
  sendCommand(args: string[], options?: { timeout?: number }): Promise<unknown>;
  on(event: 'error', listener: (err: Error) => void): unknown;
  off(event: 'error', listener: (err: Error) => void): unknown;
  readonly isOpen: boolean;
  readonly isReady: boolean;
  connect(): Promise<unknown>;
  close(): Promise<void>;
  destroy(): void;
}

/**
 * How to reach Redis: a URL or a Sentinel deployment (a client is created and owned), or an
 * existing client.
 * @example const options: RedisConnectionOptions = { url: 'redis://localhost:6379', commandTimeoutMs: 2000 }
 */
export interface RedisConnectionOptions {
  /** `redis://…`, `rediss://…` or `unix:///path/to/redis.sock`; default `redis://localhost:6379`. */
  url?: string;
  /** A primary watched by Sentinel, followed through failovers (instead of `url`). */
  sentinel?: RedisSentinelTarget;
  /** An existing node-redis client; connected here when not open yet, never closed here. */
  client?: RedisClientLike;
  /** Called with connection errors (the client reconnects by itself); default: ignored. */
  onError?: (err: Error) => void;
  /** How long the first connection may take before `connectRedis` rejects; default 10000 ms. */
  connectTimeoutMs?: number;
  /**
   * A call without an answer after this long rejects (a half-open connection must not hang the
   * engine); default 5000 ms. A timed-out write may still have been applied.
   */
  commandTimeoutMs?: number;
}

/**
 * A Redis connection whose calls fail fast: while Redis is unreachable every call rejects with
 * `RingkitError('INTERNAL', 'storage unavailable: …')` instead of queueing, and the client keeps
 * reconnecting in the background (backoff up to 2 s).
 * @example const redis: RedisHandle = await connectRedis(); await redis.call(['PING'])
 */
export interface RedisHandle {
  /** Sends one command. */
  call(args: string[]): Promise<unknown>;
  /** Runs a Lua script with EVALSHA, loading it with EVAL after a restart (NOSCRIPT). */
  script(source: string, keys: string[], args: string[]): Promise<unknown>;
  /** Closes the client when this handle created it; detaches from a borrowed one. */
  close(): Promise<void>;
}

/**
 * Opens (or adopts) a node-redis client for ringkit's storage and group directory.
 * @example
 * const redis = await connectRedis({ url: 'redis://localhost:6379' })
 * await redis.call(['PING'])
 */
export async function connectRedis(options: RedisConnectionOptions = {}): Promise<RedisHandle> {
  const { ErrorReply } = await loadRedisPackage('redis');
  const toStorageError = (err: unknown) => storageErrorOf(err, err instanceof ErrorReply);
  const owned = !options.client;
  const client: RedisClientLike = options.client ?? (options.sentinel ? await createSentinelClient(options.sentinel) : await createRedisClient(options.url));
  const onError = (err: Error) => options.onError?.(err);
  client.on('error', onError);

  if (!client.isOpen) {
    const timeoutMs = options.connectTimeoutMs ?? 10_000;
    try {
      await withTimeout(client.connect(), timeoutMs, `no connection within ${timeoutMs} ms`);
    } catch (err) {
      if (owned) client.destroy();
      client.off('error', onError);
      throw toStorageError(err);
    }
  }

  const shas = new Map<string, string>();
  const commandOptions = { timeout: options.commandTimeoutMs ?? 5000 };
  const noReply = `no reply within ${commandOptions.timeout} ms`;
  const call = async (args: string[]) => {
    if (!client.isReady) throw new RingkitError('INTERNAL', 'storage unavailable: Redis is not connected');
    try {
      // node-redis times out only a command still waiting to be written; one written just as the
      // connection dropped and came back could otherwise wait for its reply forever.
      return await withTimeout(client.sendCommand(args, commandOptions), commandOptions.timeout, noReply);
    } catch (err) {
      throw toStorageError(err);
    }
  };

  return {
    call,
    async script(source, keys, args) {
      let sha = shas.get(source);
      if (!sha) shas.set(source, (sha = createHash('sha1').update(source).digest('hex')));
      const tail = [String(keys.length), ...keys, ...args];
      try {
        return await call(['EVALSHA', sha, ...tail]);
      } catch (err) {
        if (!(err instanceof RingkitError) || !err.message.includes('NOSCRIPT')) throw err;
        return call(['EVAL', source, ...tail]);
      }
    },
    async close() {
      if (owned) await closeClient(client);
      client.off('error', onError);
    },
  };
}

/**
 * node-redis reconnection with exponential backoff up to 2 s, plus up to 100 ms of jitter.
 * @example createClient({ url, socket: { reconnectStrategy } })
 */
export const reconnectStrategy = (retries: number) => Math.min(50 * 2 ** retries, 2000) + Math.floor(Math.random() * 100);

/**
 * A node-redis client set up the way ringkit's storage wants it (not connected yet): no offline
 * queue (calls fail at once while Redis is away), a ping every 5 s, and reconnection with backoff
 * up to about 2 s.
 * @example const client = await createRedisClient('redis://localhost:6379'); await client.connect()
 */
export async function createRedisClient(url = 'redis://localhost:6379'): Promise<RedisClientLike> {
  const { createClient } = await loadRedisPackage('redis');
  return createClient({ url, disableOfflineQueue: true, pingInterval: 5000, socket: { reconnectStrategy } });
}

/**
 * Closes a client gracefully when it is ready (destroying it if that fails), destroys it when it
 * is open but not ready, and leaves a closed one alone.
 * @example await closeClient(client)
 */
export async function closeClient(client: { readonly isOpen: boolean; readonly isReady: boolean; close(): Promise<unknown>; destroy(): void }): Promise<void> {
  if (client.isReady) await client.close().catch(() => client.destroy());
  else if (client.isOpen) client.destroy();
}

/**
 * `promise`, or a rejection with `Error(message)` once `ms` have passed without it settling.
 * @example await withTimeout(client.connect(), 10_000, 'no connection within 10000 ms')
 */
export async function withTimeout<T>(promise: Promise<T>, ms: number, message: string): Promise<T> {
  let timer: ReturnType<typeof setTimeout> | undefined;
  try {
    return await Promise.race([
      promise,
      new Promise<never>((_, reject) => {
        timer = setTimeout(() => reject(new Error(message)), ms);
      }),
    ]);
  } finally {
    clearTimeout(timer);
  }
}

/** Maps any Redis failure to the INTERNAL RingkitError callers see (an error reply from Redis is a 'storage error'). */
function storageErrorOf(err: unknown, isErrorReply: boolean): RingkitError {
  if (isRingkitError(err)) return err;
  const message = err instanceof Error ? err.message : String(err);
  return new RingkitError('INTERNAL', `${isErrorReply ? 'storage error' : 'storage unavailable'}: ${message}`);
}
