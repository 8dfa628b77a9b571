import type { Server as EngineServer, Socket as EngineSocket } from 'engine.io';
import { packetBytes } from './packetBytes.js';
import { wsSocketOf } from './wsSocketOf.js';

/** A connection's stream, as far as holding its writes goes (a `net.Socket`). */
export interface Corkable {
  cork(): void;
  uncork(): void;
  readonly destroyed?: boolean;
  /** Bytes written and not yet handed to the kernel (the held ones included). */
  readonly writableLength?: number;
}

/**
 * Longest a write is held (ms): a turn still writing after this lets what it holds go and holds
 * again, so a long turn (a class's burst of answers) delays no packet by more than this.
 */
const HOLD_BUDGET_MS = 0.5;

/**
 * Most bytes a held connection may have waiting (bytes): holding saves a system call per small
 * packet and nothing on large ones, and while a connection's first write is held engine.io keeps
 * its next packets waiting in memory (the outbound cap, `capOutboundBuffer`, does not count a
 * turn's own writes, so holding closes nobody; this keeps a burst from waiting on the heap).
 */
export const HOLD_BYTES = 64 * 1024;

/**
 * How long nothing is held after a class's work (ms, see `passTurn`): a class's burst spans many
 * turns, a change is merged for up to 100 ms, and a call's ring during it goes out as it would
 * without this module.
 */
export const PASS_MS = 100;

/** A monotonic clock in ms (`performance.now`), injectable for tests. */
type Now = () => number;

/** Schedules `fn` after the I/O ready now has been handled (`setImmediate`), injectable for tests. */
type Later = (fn: () => void) => void;

/** The stream under an engine.io connection's WebSocket transport (`ws`'s `_socket`), if it has one. */
function streamOf(conn: EngineSocket): Corkable | undefined {
  const stream = wsSocketOf(conn)?._socket as Corkable | undefined;
  return stream && typeof stream.cork === 'function' && typeof stream.uncork === 'function' ? stream : undefined;
}

/** Bytes a connection has waiting: held in its stream, and queued in engine.io behind them. */
function waitingBytes(conn: EngineSocket, stream: Corkable): number {
  let bytes = stream.writableLength ?? 0;
  for (const packet of (conn as unknown as { writeBuffer?: { data?: unknown }[] }).writeBuffer ?? []) bytes += packetBytes(packet.data);
  return bytes;
}

/**
 * Holds the WebSocket writes of a busy event-loop turn and lets them go together once the turn's
 * I/O has been handled (`setImmediate`), or `HOLD_BUDGET_MS` after the first held. On one machine
 * each write is a system call that also wakes the reading process: the packets of a turn written
 * back to back wake a busy peer once rather than once per packet, and a connection written to
 * more than once in the turn makes one system call. The turn's first write is not held (a quiet
 * server's ring or answer leaves at once, before the bookkeeping that follows it). What is
 * written and in which order is unchanged; only the moment it reaches the kernel moves, within
 * the turn. While a class is at work (`passTurn`) nothing is held, and a connection with
 * `HOLD_BYTES` waiting is let go at once. Long-polling connections are not held. A write
 * engine.io makes from the callback of a released one (its next queued packets) is not held again.
 * @example corkWritesPerTurn(io.engine)
 */
export function corkWritesPerTurn(engine: EngineServer, options: { now?: Now; later?: Later; budgetMs?: number } = {}): { readonly holding: number; passTurn(): void } {
  const now = options.now ?? (() => performance.now());
  const later = options.later ?? ((fn) => void setImmediate(fn));
  const budgetMs = options.budgetMs ?? HOLD_BUDGET_MS;
  let held = new Set<Corkable>();
  /** When the first of `held` was held. */
  let since = 0;
  let scheduled = false;
  /** Set while the end of the turn lets go, until the write callbacks its writes queued have run. */
  let releasing = false;
  const endReleasing = () => (releasing = false);
  /** Until when nothing is held (`passTurn`). */
  let passUntil = -Infinity;

  const letGo = () => {
    const streams = held;
    held = new Set();
    for (const stream of streams) stream.uncork();
  };
  const endOfTurn = () => {
    scheduled = false;
    if (held.size === 0) return;
    releasing = true;
    letGo();
    // A write that completed at once runs its callback in a tick queued by the uncork, before this one.
    process.nextTick(endReleasing);
  };

  engine.on('connection', (conn: EngineSocket) => {
    // engine.io emits `packetCreate` before it queues a packet; a held connection's packets wait.
    conn.on('packetCreate', (packet: { data?: unknown }) => {
      if (held.size === 0) return; // the common case: nothing held, nothing to measure
      const stream = streamOf(conn);
      if (!stream || !held.has(stream) || waitingBytes(conn, stream) + packetBytes(packet.data) < HOLD_BYTES) return;
      held.delete(stream);
      stream.uncork();
    });
    // engine.io emits `flush` right before it hands the connection's queued packets to the transport.
    conn.on('flush', () => {
      if (releasing) return;
      const stream = streamOf(conn);
      if (!stream || stream.destroyed || held.has(stream) || now() < passUntil) return;
      if (!scheduled) {
        // The turn's first write goes at once: a lone request's answer or ring (a quiet server's
        // case) waits for nothing. The writes after it in the same turn are held.
        scheduled = true;
        later(endOfTurn);
        return;
      }
      if (held.size === 0) since = now();
      else if (now() - since > budgetMs) {
        letGo();
        since = now();
      }
      stream.cork();
      held.add(stream);
    });
  });
  return {
    /** How many connections' writes are held now. */
    get holding() {
      return held.size;
    },
    /**
     * Lets what is held go now and holds nothing for the next `PASS_MS`: a class is at work, its
     * turns are long (commits of a burst of answers, wide updates), and a call's packet held
     * behind one would wait for all of it. A class's own writes are sliced and spaced already.
     */
    passTurn(): void {
      passUntil = now() + PASS_MS;
      if (held.size > 0) letGo();
    },
  };
}
