import { randomUUID } from 'node:crypto';

/**
 * What `createPubSubRecovery` works with: the adapter's two Redis connections and the node's
 * own means to make its clients resynchronise.
 * @example const options: PubSubRecoveryOptions = { keyPrefix: 'ringkit:', pub, sub, storageReady: () => main.isReady, isClosed: () => closed, resync }
 */
export interface PubSubRecoveryOptions {
  /** The deployment's key prefix: the channels are `<prefix>io-probe#<node>` and `<prefix>io-resync`. */
  keyPrefix: string;
  pub: { publish(channel: string, message: string): Promise<unknown> };
  sub: {
    subscribe(channels: string, listener: (message: string) => void): Promise<unknown>;
    pSubscribe(patterns: string, listener: (message: string) => void): Promise<unknown>;
    on(event: string, listener: () => void): unknown;
  };
  /** Whether storage answers again (clients told to resynchronise must find a working node). */
  storageReady(): boolean;
  /** Whether the node is closing (recovery stops). */
  isClosed(): boolean;
  /** Makes every local client reconnect and resynchronise from storage (closes their transports). */
  resync(): void;
}

/**
 * Redis pub/sub delivers at most once, so a notification can be lost for a node in two ways, and
 * this closes both by making clients resynchronise from storage (which holds every change, as it
 * is committed before it is published):
 *
 * - **the node's subscriber dropped.** Any sign of it (`error`, `reconnecting`) starts a recovery:
 *   the node publishes a probe on its own channel until its subscriber hears one through a
 *   pattern subscription (so the adapter's pattern, restored in the same command, is live again,
 *   whatever the client did to restore it), waits until storage
 *   answers, then calls `resync`. Events alone do not do: node-redis' Sentinel client restores a
 *   dropped pub/sub connection on the same primary with one `error` and no `ready` (seen with
 *   `CLIENT KILL TYPE pubsub`), so a node waiting for `ready` never resynchronised. A drop during
 *   the recovery starts the proof again.
 * - **a publish failed** (the publisher's connection broke under it, or its queue was full) or
 *   reached no subscriber (`redisServerOptions` reports both): no node can know whether the
 *   message was heard, and the nodes whose subscribers were fine would never look. So the node announces it on `<prefix>io-resync` (again and again until the
 *   announcement is accepted), and every other node that hears it runs the same recovery.
 *
 * Why it is enough: a message is lost only while it is published between a subscriber's drop and
 * its proven return, or when its publish failed; its change was committed before, so the clients
 * that resynchronise after the proof (or after the announcement) read it from storage.
 * @example
 * const recovery = createPubSubRecovery({ keyPrefix, pub, sub, storageReady, isClosed, resync })
 * await recovery.start()
 * createAdapter(pub, sub) // and call recovery.publishFailed() when a publish rejects
 */
export function createPubSubRecovery(options: PubSubRecoveryOptions) {
  const { pub, sub, keyPrefix } = options;
  const node = randomUUID();
  const probeChannel = `${keyPrefix}io-probe#${node}`;
  const resyncChannel = `${keyPrefix}io-resync`;
  /** Bumped at every sign that the subscriber dropped: a recovery must prove the newest one over. */
  let generation = 0;
  let recovering = false;
  let announcing = false;
  let announce = false;
  let stopped = false;
  const waiting = new Map<string, () => void>();
  const timers = new Set<ReturnType<typeof setTimeout>>();
  const done = () => stopped || options.isClosed();
  const sleep = (ms: number) =>
    new Promise<void>((resolve) => {
      const timer = setTimeout(() => (timers.delete(timer), resolve()), ms);
      timers.add(timer);
    });

  /** Whether a probe with `token` comes back within `ms`. */
  const heard = (token: string, ms: number) =>
    new Promise<boolean>((resolve) => {
      const timer = setTimeout(() => finish(false), ms);
      timers.add(timer);
      const finish = (back: boolean) => {
        clearTimeout(timer);
        timers.delete(timer);
        waiting.delete(token);
        resolve(back);
      };
      waiting.set(token, () => finish(true));
    });

  /** Resolves once a probe published now has come back through the subscriber (or the node closes). */
  const proveSubscribed = async () => {
    for (let attempt = 0; !done(); attempt++) {
      const token = `${generation}:${attempt}`;
      const back = heard(token, 1000);
      pub.publish(probeChannel, token).catch(() => undefined);
      if (await back) return;
    }
  };

  const recover = () => {
    generation++;
    if (recovering || done()) return;
    recovering = true;
    void (async () => {
      try {
        for (;;) {
          const proving = generation;
          await proveSubscribed();
          while (!done() && !options.storageReady()) await sleep(50);
          if (done()) return;
          if (proving === generation) return options.resync();
        }
      } finally {
        recovering = false;
      }
    })();
  };

  return {
    /** Subscribes the probe and announcement channels and starts watching the subscriber. */
    async start(): Promise<void> {
      // A pattern, not a channel: node-redis restores all patterns in one PSUBSCRIBE (after a
      // reconnect and when Sentinel moves it), so the probe comes back only once the adapter's
      // pattern (`<prefix>io#/#*`) is active again too.
      await sub.pSubscribe(probeChannel, (message) => waiting.get(message)?.());
      await sub.subscribe(resyncChannel, (message) => message !== node && recover());
      for (const event of ['error', 'reconnecting']) sub.on(event, () => !done() && recover());
    },

    /** A publish was rejected: tell every node (once the publisher takes it) to resynchronise. */
    publishFailed(): void {
      announce = true;
      if (announcing || done()) return;
      announcing = true;
      void (async () => {
        try {
          while (announce && !done()) {
            announce = false;
            try {
              await pub.publish(resyncChannel, node);
            } catch {
              announce = true;
              await sleep(250);
            }
          }
        } finally {
          announcing = false;
        }
      })();
    },

    /** Stops every loop and timer (the node is closing). */
    stop(): void {
      stopped = true;
      for (const timer of timers) clearTimeout(timer);
      timers.clear();
      for (const finish of [...waiting.values()]) finish();
    },
  };
}
