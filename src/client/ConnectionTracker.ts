import { RingkitError } from '../protocol/errors.js';
import type { ClientEventMap, ConnectionState } from '../protocol/events.js';
import type { Emitter } from './Emitter.js';

/**
 * The client's connection state and who waits on it: `connect()` callers until the handshake
 * ends, and commands waiting for a lost link to come back. Emits `connectionStateChanged`.
 * @example const connection = new ConnectionTracker(emitter, () => client.detachedCallIDs); await connection.waitUntilConnected(5000)
 */
export class ConnectionTracker {
  private current: ConnectionState = 'disconnected';
  private connectWaiters: { resolve: () => void; reject: (e: RingkitError) => void }[] = [];
  private readyWaiters: ((failure?: RingkitError) => void)[] = [];
  private syncing = false;

  /** `detachedCallIDs` is read into every `connected` event. */
  constructor(
    private readonly emitter: Emitter<ClientEventMap>,
    private readonly detachedCallIDs: () => string[],
  ) {}

  get state(): ConnectionState {
    return this.current;
  }

  /** Moves to `state` and tells the listeners (nothing when it is the current state). */
  set(state: ConnectionState, error?: { code: string; message: string }): void {
    if (state === this.current) return;
    this.syncing = false;
    const previous = this.current;
    this.current = state;
    const detached = state === 'connected' ? { detachedCallIDs: this.detachedCallIDs() } : undefined;
    this.emitter.emit('connectionStateChanged', { state, previous, ...(error && { error }), ...detached });
  }

  /**
   * The server accepted the link and the handshake's updates are being applied (the ring of an
   * invitation that waited for this device comes now, before `connect()` resolves).
   */
  get inHandshake(): boolean {
    return this.syncing;
  }

  /** The handshake's updates are about to be applied (until the next state). */
  handshaking(): void {
    this.syncing = true;
  }

  /** Resolves at the next `connected()`, rejects at the next `failed()`. */
  waitForConnect(): Promise<void> {
    return new Promise<void>((resolve, reject) => this.connectWaiters.push({ resolve, reject }));
  }

  /**
   * Resolves once connected (again), or rejects with REQUEST_TIMEOUT after `ms`, or with the
   * failure when the client is disconnected for good meanwhile.
   */
  waitUntilConnected(ms: number): Promise<void> {
    return new Promise((resolve, reject) => {
      const timer = setTimeout(() => reject(new RingkitError('REQUEST_TIMEOUT', 'no connection in time')), Math.max(0, ms));
      this.readyWaiters.push((failure) => {
        clearTimeout(timer);
        if (failure) reject(failure);
        else resolve();
      });
    });
  }

  /** The handshake is done: connected, and every waiter goes on. */
  connected(): void {
    this.set('connected');
    for (const waiter of this.connectWaiters.splice(0)) waiter.resolve();
    for (const ready of this.readyWaiters.splice(0)) ready();
  }

  /** Disconnected for good (refused, or closed by the app): the `connect()` callers fail. */
  disconnected(error?: { code: string; message: string }): void {
    this.set('disconnected', error);
    const failure = RingkitError.from(error ?? { code: 'NOT_CONNECTED', message: 'disconnected' });
    for (const waiter of this.connectWaiters.splice(0)) waiter.reject(failure);
    for (const ready of this.readyWaiters.splice(0)) ready(failure);
  }
}
