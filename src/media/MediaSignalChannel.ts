/**
 * Where `CallMedia` sends and hears its signals for one invitation: by default the ringkit
 * server's relay (`clientSignalChannel`), or any transport of your own.
 * @module
 */
import type { ClientEventMap } from '../protocol/events.js';

/**
 * A signal received from another participant of the call.
 * @example const e: ReceivedSignal = { from: 'alice', fromDeviceID: 'laptop', signal: '{…}' }
 */
export interface ReceivedSignal {
  /** The sending user. */
  from: string;
  /** The sending device, when the channel knows it. */
  fromDeviceID?: string;
  /** The opaque message (at most 64 KiB). */
  signal: string;
}

/**
 * A channel carrying opaque signals between the participants of one call, in order per sender
 * and receiver. `send` may reject (e.g. while the signaling socket is down): `CallMedia` then
 * recovers with an ICE restart once the link is back.
 * @example
 * const channel: MediaSignalChannel = {
 *   send: (to, signal) => myRelay.post(to, signal),
 *   subscribe: (handler) => myRelay.listen(handler),
 * }
 */
export interface MediaSignalChannel {
  /** Sends `signal` to the device of user `to` that is in the call. */
  send(to: string, signal: string): Promise<void>;
  /** Calls `handler` for every signal of this call sent to me; returns the unsubscribe function. */
  subscribe(handler: (signal: ReceivedSignal) => void): () => void;
}

/**
 * The part of the ringkit client that relays media signals (`sendMediaSignal` and the
 * `mediaSignal` event of the server's relay).
 * @example const relay: MediaSignalRelay = client
 */
export interface MediaSignalRelay {
  sendMediaSignal(inviteID: string, to: string, signal: string): Promise<void>;
  on<K extends 'mediaSignal'>(name: K, handler: (event: ClientEventMap[K]) => void): () => void;
}

/**
 * The channel of one invitation over the ringkit server's relay: only users accepted in the
 * invitation can exchange signals, and only with the device that accepted.
 * @example const channel = clientSignalChannel(client, inviteID)
 */
export function clientSignalChannel(client: MediaSignalRelay, inviteID: string): MediaSignalChannel {
  return {
    send: (to, signal) => client.sendMediaSignal(inviteID, to, signal),
    subscribe: (handler) =>
      client.on('mediaSignal', (event) => {
        if (event.inviteID === inviteID) handler({ from: event.from, signal: event.signal, ...(event.fromDeviceID && { fromDeviceID: event.fromDeviceID }) });
      }),
  };
}

/**
 * An in-memory relay for tests and stories: every user gets a channel; a signal is delivered
 * asynchronously and in order. `pause(userID)` drops everything to and from that user (a
 * signaling socket that is down) until `resume(userID)`.
 * @example
 * const hub = createMemorySignalHub()
 * const media = createCallMedia(client, inviteID, { signals: hub.channel('alice') })
 */
export interface MemorySignalHub {
  channel(userID: string): MediaSignalChannel;
  pause(userID: string): void;
  resume(userID: string): void;
  /** Signals delivered so far (for tests). */
  readonly delivered: number;
}

/**
 * Creates a `MemorySignalHub`.
 * @example const hub = createMemorySignalHub(); const a = hub.channel('alice'), b = hub.channel('bob')
 */
export function createMemorySignalHub(): MemorySignalHub {
  const handlers = new Map<string, Set<(signal: ReceivedSignal) => void>>();
  const paused = new Set<string>();
  let delivered = 0;
  let chain = Promise.resolve();
  return {
    channel(userID) {
      return {
        send(to, signal) {
          if (paused.has(userID)) return Promise.reject(new Error('not connected'));
          chain = chain.then(() => {
            if (paused.has(to) || paused.has(userID)) return;
            delivered++;
            for (const handler of handlers.get(to) ?? []) handler({ from: userID, signal });
          });
          return Promise.resolve();
        },
        subscribe(handler) {
          const set = handlers.get(userID) ?? new Set();
          handlers.set(userID, set);
          set.add(handler);
          return () => set.delete(handler);
        },
      };
    },
    pause: (userID) => void paused.add(userID),
    resume: (userID) => void paused.delete(userID),
    get delivered() {
      return delivered;
    },
  };
}
