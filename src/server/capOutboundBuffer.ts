import type { Server as EngineServer, Socket as EngineSocket } from 'engine.io';
import { packetBytes } from './packetBytes.js';
import { wsSocketOf } from './wsSocketOf.js';

/**
 * How long a connection over the cap may go with the kernel taking none of its bytes (ms) before
 * it is closed as a device that stopped reading. A device that reads takes a burst's bytes as they
 * arrive; one that is frozen, suspended or on a dead link takes none. Its memory meanwhile is
 * bounded by `OUTBOUND_BEHIND_FACTOR`.
 */
export const OUTBOUND_STALL_MS = 2000;

/**
 * How far behind a connection that still reads may fall, in multiples of the cap: more than this
 * many times `maxBytes` waiting from earlier event-loop turns closes it at once, reading or not (a
 * device that reads a byte now and then must not make the server queue without end). Of what the
 * current turn writes, at most `maxBytes` is counted: a turn's burst is handed over whole.
 */
export const OUTBOUND_BEHIND_FACTOR = 4;

/** Why `capOutboundBuffer` closed a connection. */
export type OutboundCloseReason = 'stalled' | 'behind';

/**
 * Closes a connection that stops reading once more than `maxBytes` wait for it: a device that is
 * frozen, suspended or on a dead link would otherwise make the server queue every update for it
 * until the ping timeout, growing memory for everyone. Waiting are the packets engine.io holds
 * while the transport is busy plus what the WebSocket has not yet handed to the kernel.
 *
 * Being over `maxBytes` alone closes nothing: a turn that answers a burst (a resync's invitations,
 * a class's updates) may queue more than that for a device that reads normally, and the kernel
 * takes it as fast as the device reads. A connection is closed when it is over `maxBytes` and the
 * kernel has taken none of its bytes for `OUTBOUND_STALL_MS` (`'stalled'`), or at once when more
 * than `OUTBOUND_BEHIND_FACTOR × maxBytes` from earlier turns still waits (`'behind'`): what the
 * server holds for one connection stays bounded whether it reads or not. The client sees an
 * ordinary disconnect, reconnects and resynchronises.
 * @example capOutboundBuffer(io.engine, 4 * 1024 * 1024, (bytes, why) => logger.warn({ bytes, why }, 'slow consumer dropped'))
 */
export function capOutboundBuffer(
  engine: EngineServer,
  maxBytes: number,
  onClose: (bytes: number, why: OutboundCloseReason) => void,
): void {
  const behindBytes = maxBytes * OUTBOUND_BEHIND_FACTOR;
  /** The event-loop turn, counted (by an immediate) only in turns that write to a connection over the cap. */
  let turn = 0;
  let turnEnding = false;
  const endTurn = () => {
    turn++;
    turnEnding = false;
  };
  const currentTurn = () => {
    if (!turnEnding) {
      turnEnding = true;
      setImmediate(endTurn);
    }
    return turn;
  };

  engine.on('connection', (conn: EngineSocket) => {
    /** Bytes of the packets engine.io holds for the transport (its `writeBuffer`). */
    let queued = 0;
    /** How many times engine.io handed its packets to the transport (after the last write completed). */
    let flushes = 0;
    /** The last turn this connection got a packet while over the cap. */
    let overTurn = -1;
    /** Bytes of the packets created in `overTurn` from its first over the cap on. */
    let turnBytes = 0;
    let watch: ReturnType<typeof setTimeout> | undefined;
    /** The write progress when `watch` was armed. */
    let mark: WriteProgress | undefined;

    const waiting = () => queued + bufferedAmountOf(conn);
    const close = (bytes: number, why: OutboundCloseReason) => {
      clearTimeout(watch);
      watch = undefined;
      onClose(bytes, why);
      conn.close(true);
    };
    const arm = () => {
      mark = writeProgressOf(conn, flushes);
      watch = setTimeout(check, OUTBOUND_STALL_MS);
      watch.unref?.();
    };
    const check = () => {
      watch = undefined;
      if (conn.readyState !== 'open') return;
      const bytes = waiting();
      if (bytes <= maxBytes) return;
      if (!progressed(mark!, writeProgressOf(conn, flushes))) return close(bytes, 'stalled');
      arm();
    };

    conn.on('flush', () => {
      queued = 0;
      flushes++;
    });
    conn.on('close', () => {
      clearTimeout(watch);
      watch = undefined;
    });
    conn.on('packetCreate', (packet: { data?: unknown }) => {
      const size = packetBytes(packet.data);
      queued += size;
      if (conn.readyState !== 'open') return;
      const bytes = waiting();
      if (bytes <= maxBytes) return; // the common case: nothing more to count
      // What waits besides this turn's packets from its first over the cap on came in earlier
      // turns, or earlier in this one while the connection was under the cap (at most `maxBytes`).
      const now = currentTurn();
      if (now !== overTurn) {
        overTurn = now;
        turnBytes = 0;
      }
      turnBytes += size;
      if (bytes - turnBytes > behindBytes) return close(bytes, 'behind');
      if (!watch) arm();
    });
  });
}

/** What a connection's writes have achieved so far; any field moving on means the kernel took bytes. */
interface WriteProgress {
  /** engine.io flushes: each follows the completion of the transport's previous write. */
  flushes: number;
  /** Bytes whose write to the stream has completed. */
  completed: number;
  /** Bytes the kernel has not taken yet of the writes handed to it (libuv's write queue). */
  kernelPending: number;
}

function progressed(before: WriteProgress, after: WriteProgress): boolean {
  // While a write is pending engine.io hands the stream nothing new, so its kernel queue only shrinks.
  return after.flushes !== before.flushes || after.completed !== before.completed || after.kernelPending < before.kernelPending;
}

/** The stream under a WebSocket transport (`ws`'s `_socket`), as far as write progress goes. */
interface WriteStream {
  bytesWritten?: number;
  writableLength?: number;
  encrypted?: boolean;
  _handle?: { writeQueueSize?: number } | null;
  _parent?: { _handle?: { writeQueueSize?: number } | null };
}

function writeProgressOf(conn: EngineSocket, flushes: number): WriteProgress {
  const stream = wsSocketOf(conn)?._socket as WriteStream | undefined;
  // A TLS socket's own handle counts clear text until the whole write completes; the TCP handle
  // under it shows the kernel taking the encrypted bytes.
  const handle = stream?.encrypted ? stream._parent?._handle : stream?._handle;
  const kernelPending = handle?.writeQueueSize;
  return {
    flushes,
    completed: (stream?.bytesWritten ?? 0) - (stream?.writableLength ?? 0),
    kernelPending: typeof kernelPending === 'number' ? kernelPending : 0,
  };
}

/** Bytes the `ws` socket under a WebSocket transport still holds (0 for polling). */
function bufferedAmountOf(conn: EngineSocket): number {
  const amount = wsSocketOf(conn)?.bufferedAmount;
  return typeof amount === 'number' ? amount : 0;
}
