import type { Server, Socket } from 'socket.io';
import { PACKED_WIRE, packUpdate } from '../protocol/packedUpdate.js';
import { UPDATE_EVENT, type WireUpdate } from '../protocol/wire.js';
import { SMALL_AUDIENCE } from '../engine/smallAudience.js';
import { groupRoom } from './createGroupRooms.js';
import { stringifyReusing } from './stringifyReusing.js';
import { textFrame } from './textFrame.js';

/** The room of every device that reads packed updates, and of every device that reads plain ones. */
const PACKED_ROOM = 'wire:packed';
const PLAIN_ROOM = 'wire:plain';

/**
 * Most devices written to in one go. Writing to a socket is a system call (on loopback it also
 * does the receiver's work), and a class's update goes to every member's device: 1,000 writes held
 * the event loop 30–250 ms on a loaded 2-core machine, so everyone else's requests waited. Larger
 * audiences are written in slices, yielding between.
 */
const SLICE = 100;

/**
 * Most bytes written in one go: a class's ring (1,000 users, about 50 KB) is written 40 devices
 * at a time at most. A slice of 100 rings took 10–40 ms, and an unrelated call's ring waited behind it.
 */
const SLICE_BYTES = 2 * 1024 * 1024;

/**
 * Longest a slice writes before it yields (ms). The count and byte caps alone left slices of
 * 3–11 ms (a write of a 50 KB ring costs 50–250 µs on a loaded machine), and an unrelated call's
 * request read meanwhile waited for the whole slice; a slice now ends after 1 ms of writing.
 */
export const SLICE_BUDGET_MS = 1;

/** A monotonic clock in ms (`performance.now`), injectable for tests. */
export type Now = () => number;

/** Resolves after the I/O that is ready has been handled. */
const nextTurn = () => new Promise<void>((resolve) => setImmediate(resolve));

/** socket.io's adapter, as far as encoding a broadcast once goes (`_encode`: the packet and its WebSocket frame). */
interface EncodingAdapter {
  _encode?(packet: { type: number; data: unknown[]; nsp: string }, options: Record<string, unknown>): unknown[];
}

/**
 * A pre-encoded WebSocket frame (socket.io's adapter builds it with `ws`'s `Sender.frame`: its
 * header and its payload, two buffers) as one buffer, joined once per broadcast. `ws` writes a
 * two-buffer frame to each socket corked (two buffered chunks, a `writev` with its arrays and
 * write request: about 0.4 MB per class round of 200 on the server's heap); one buffer is one
 * plain write. Anything else is returned as it is.
 * @example options.wsPreEncodedFrame = joinFrame(options.wsPreEncodedFrame)
 */
export function joinFrame(frame: unknown): unknown {
  if (!Array.isArray(frame) || frame.length !== 2 || !frame.every((part) => Buffer.isBuffer(part))) return frame;
  return [Buffer.concat(frame as Buffer[])];
}

/** A socket.io socket, as far as writing an encoded packet goes (what a broadcast does for each socket). */
interface EncodedWriter {
  client: { writeToEngine?(encoded: unknown[], options: Record<string, unknown>): void };
}

/** No devices (shared, never written to). */
const NO_DEVICES: readonly string[] = Object.freeze([]);

/** How many wide invitations `isWide` remembers (the most recently updated). */
const WIDE_REMEMBERED = 1024;

/** The prefix of every group's room. */
const GROUP_ROOM_PREFIX = groupRoom('');

/** socket.io's EVENT packet type. */
const EVENT_PACKET = 2;

/** What every encoded update starts with: `2["invitation:update",`. */
const UPDATE_PACKET_HEAD = `${EVENT_PACKET}[${JSON.stringify(UPDATE_EVENT)},`;

/**
 * An update as socket.io's EVENT packet, encoded as `socket.io-parser` encodes it for the default
 * namespace without an acknowledgement: `2["update",{…}]`. An update holds only strings, numbers,
 * booleans and plain objects (never binary), so the parser's walk looking for binary is skipped.
 * @example socket.client.writeToEngine([encodeUpdatePacket(packUpdate(update))], { preEncoded: true })
 */
export function encodeUpdatePacket(form: WireUpdate): string {
  // The invitation's JSON is shared with the answer that carries it (`stringifyReusing`).
  return `${UPDATE_PACKET_HEAD}${stringifyReusing(form, form?.invitation, 1) ?? 'null'}]`;
}

/**
 * Whether this socket.io has the two internals a sliced write needs to encode once (pinned
 * 4.8.4 has them; without them each slice is a broadcast of its own, encoded again).
 * @example if (canWriteEncoded(io)) ...
 */
export function canWriteEncoded(io: Server): boolean {
  const adapter = io.sockets.adapter as unknown as EncodingAdapter;
  const socket = io.sockets.sockets.values().next().value as EncodedWriter | undefined;
  return typeof adapter._encode === 'function' && (socket === undefined || typeof socket.client.writeToEngine === 'function');
}

/**
 * Sends invitation updates in the wire form each device asked for: a class's update (through a
 * group or to more than SMALL_AUDIENCE users) as packed rows to devices whose handshake said
 * `wire: 2` (ringkit's own client), plain objects to any other; a call's update as plain objects
 * to every device (for a few users rows save no bytes and cost packing and unpacking). Each form is
 * encoded once per broadcast, its WebSocket frame included. With several nodes (`cluster` true)
 * each form is one broadcast through the adapter: a class's update two, a call's one. On one node (`cluster` false) the
 * plain form is skipped while no device reads it, and a large audience is written a slice at a
 * time (at most 100 devices, 2 MiB and 1 ms of writing), yielding to other work between slices; the updates of
 * one invitation still reach each device in order (a later update waits for the earlier one's slices).
 * `onWide` is called when an update goes to a class (a group or more than SMALL_AUDIENCE users)
 * and before each of its sliced writes (the server lets no write of those turns be held).
 * @example
 * const updates = createUpdateEmitter(io, false)
 * io.on('connection', (socket) => updates.track(socket))
 * updates.emit(['group:class-1'], update)
 */
export function createUpdateEmitter(io: Server, cluster: boolean, now: Now = () => performance.now(), onWide?: () => void) {
  let plainDevices = 0;
  /** Invitations whose last update went to more than SMALL_AUDIENCE users or to a group (most recent last, at most WIDE_REMEMBERED). */
  const wide = new Map<string, true>();
  /** Per invitation, the sliced sends still being written (later ones wait for them). */
  const writing = new Map<string, Promise<void>>();

  /** The connected devices in any of `rooms` and not in `except`, without `skip`. */
  const devicesIn = (rooms: string[], except: string, skip?: string): string[] => {
    const all = io.sockets.adapter.rooms;
    const excluded = all.get(except);
    if (rooms.length === 1) {
      // One user's room (a 1v1 call's update to one side): no duplicates to merge.
      // forEach, not for-of: a Set's iterator allocated a result per device of a class's update.
      const ids: string[] = [];
      all.get(rooms[0]!)?.forEach((id) => {
        if (id !== skip && !excluded?.has(id)) ids.push(id);
      });
      return ids;
    }
    const ids = new Set<string>();
    for (const room of rooms)
      all.get(room)?.forEach((id) => {
        if (id !== skip && !excluded?.has(id)) ids.add(id);
      });
    return [...ids];
  };

  /** Writes one form to a few devices now, encoded once (see SMALL_AUDIENCE). */
  const writeNow = (ids: readonly string[], form: WireUpdate, encoded?: string[]) => {
    if (ids.length === 0) return;
    encoded ??= [encodeUpdatePacket(form)];
    // Its WebSocket frame built once, in one buffer, for every device (`textFrame`; a long-polling one ignores it).
    const options = { preEncoded: true, wsPreEncodedFrame: textFrame(encoded[0]!) };
    for (const id of ids) {
      // A device that left since is skipped, as a broadcast would.
      const socket = io.sockets.sockets.get(id);
      const writer = (socket as unknown as EncodedWriter | undefined)?.client;
      try {
        if (typeof writer?.writeToEngine === 'function') writer.writeToEngine(encoded, options);
        else socket?.emit(UPDATE_EVENT, form);
      } catch {
        // A socket closing under the write: it resyncs when it comes back; the others still get theirs.
      }
    }
  };

  /** Writes one form to `ids`, a slice at a time, encoded once. */
  const sliced = async (ids: readonly string[], form: WireUpdate) => {
    const adapter = io.sockets.adapter as unknown as EncodingAdapter;
    if (ids.length <= 1 || typeof adapter._encode !== 'function') {
      for (let i = 0; i < ids.length; i += SLICE) {
        if (i > 0) await nextTurn();
        onWide?.();
        io.to(ids.slice(i, i + SLICE)).emit(UPDATE_EVENT, form);
      }
      return;
    }
    const options: Record<string, unknown> = { preEncoded: true };
    const encoded = adapter._encode({ type: EVENT_PACKET, data: [UPDATE_EVENT, form], nsp: '/' }, options);
    options.wsPreEncodedFrame = joinFrame(options.wsPreEncodedFrame);
    const bytes = encoded.reduce<number>((sum, part) => sum + (typeof part === 'string' ? part.length : 0), 0);
    const perSlice = Math.max(1, Math.min(SLICE, Math.floor(SLICE_BYTES / Math.max(1, bytes))));
    await writeInSlices(
      ids,
      (id) => {
        onWide?.();
        // A device that left since is skipped, as a broadcast would.
        const socket = io.sockets.sockets.get(id) as unknown as EncodedWriter | undefined;
        socket?.client.writeToEngine?.(encoded, options);
      },
      { perSlice, budgetMs: SLICE_BUDGET_MS, now, nextTurn },
    );
  };

  return {
    /** Whether the invitation's last update went to a group or to more than SMALL_AUDIENCE users (a class's invitation). */
    isWide: (inviteID: string): boolean => wide.has(inviteID),
    /** Puts a connected device in the room of its wire form. */
    track(socket: Socket): void {
      const packed = (socket.handshake.auth as { wire?: unknown } | undefined)?.wire === PACKED_WIRE;
      void socket.join(packed ? PACKED_ROOM : PLAIN_ROOM);
      if (packed) return;
      plainDevices++;
      socket.once('disconnect', () => plainDevices--);
    },
    /**
     * Sends one update to every device in `rooms`; on one node, returns a promise that settles once
     * it is written (a large audience takes several event-loop turns), which the fan-out uses to
     * merge the changes made meanwhile into the next update. Ringkit's own client on the connection
     * `answeredWhole` is skipped (its request's answer carried this whole invitation, and it
     * mirrors answers); other clients are not.
     */
    emit(rooms: string[], update: WireUpdate, answeredWhole?: string): Promise<void> | undefined {
      if (rooms.length === 0) return undefined;
      const id = update.invitation.inviteID;
      const isClass = rooms.length > SMALL_AUDIENCE || rooms.some((room) => room.startsWith(GROUP_ROOM_PREFIX));
      if (isClass) {
        wide.delete(id);
        wide.set(id, true);
        if (wide.size > WIDE_REMEMBERED) wide.delete(wide.keys().next().value!);
        onWide?.();
      } else wide.delete(id);
      // Rows pay for a class's update (a third of the bytes, half the parse); a call's update has
      // a few users, for whom they would only cost packing here and unpacking on every device.
      const packed = isClass ? packUpdate(update) : update;
      if (cluster) {
        // Other nodes hold devices too: one broadcast per form through the adapter (each is a
        // PUBLISH that every node's subscriber reads, decodes and encodes for its devices).
        if (packed === update) {
          // A call's update: one form for every device, so one broadcast. The device that asked
          // is skipped only if it reads rows (ringkit's client mirrors its answer; any other
          // device hears its own change). It is this node's: a request is answered by the node
          // its connection is on, so the room of its wire form is known here.
          if (answeredWhole === undefined) {
            io.to(rooms).emit(UPDATE_EVENT, update);
            return undefined;
          }
          const local = io.sockets.adapter.rooms.get(answeredWhole) !== undefined;
          if (local) {
            const skip = io.sockets.adapter.rooms.get(PACKED_ROOM)?.has(answeredWhole) === true;
            (skip ? io.to(rooms).except(answeredWhole) : io.to(rooms)).emit(UPDATE_EVENT, update);
            return undefined;
          }
          // Gone from this node since it asked: its form is not known here, so as for a class,
          // one broadcast per form (it is skipped wherever it reads rows).
        }
        io.to(rooms).except(answeredWhole === undefined ? PLAIN_ROOM : [PLAIN_ROOM, answeredWhole]).emit(UPDATE_EVENT, packed);
        io.to(rooms).except(PACKED_ROOM).emit(UPDATE_EVENT, update);
        return undefined;
      }
      const inviteID = update.invitation.inviteID;
      const audience = () => ({
        packed: devicesIn(rooms, PLAIN_ROOM, answeredWhole),
        plain: plainDevices > 0 ? devicesIn(rooms, PACKED_ROOM) : NO_DEVICES,
      });
      const before = writing.get(inviteID);
      const now = before ? undefined : audience();
      if (now && now.packed.length + now.plain.length <= SMALL_AUDIENCE) {
        // A small audience with nothing of this invitation still being written (a 1v1 call):
        // written before this returns, with no promise for the fan-out to wait on.
        if (packed === update) {
          // One form for every device: encoded once.
          const encoded = [encodeUpdatePacket(update)];
          writeNow(now.packed, update, encoded);
          writeNow(now.plain, update, encoded);
        } else {
          writeNow(now.packed, packed);
          writeNow(now.plain, update);
        }
        return undefined;
      }
      return sendSliced(inviteID, before, now, audience, packed, update);
    },
  };

  /** Writes a large audience (or one behind an earlier write of the invitation) in slices, after what is still being written. */
  function sendSliced(inviteID: string, before: Promise<void> | undefined, now: { packed: string[]; plain: readonly string[] } | undefined, audience: () => { packed: string[]; plain: readonly string[] }, packed: WireUpdate, update: WireUpdate): Promise<void> {
    const send = async () => {
      const devices = now ?? audience();
      await sliced(devices.packed, packed);
      if (devices.plain.length > 0) await sliced(devices.plain, update);
    };
    // Nothing pending for this invitation: written from the next event-loop turn on, after the
    // I/O read meanwhile (an unrelated call's invite read in the turn that made this update, a
    // class's ring or the end of its batching window, does not wait for its first slice and its
    // encoding: 1–2 ms at N=200 on one core). A write that throws (a socket closing under it)
    // must not stop the updates after it.
    const tracked: Promise<void> = (before ? before.then(send) : nextTurn().then(send))
      .catch(() => undefined)
      .finally(() => writing.get(inviteID) === tracked && writing.delete(inviteID));
    writing.set(inviteID, tracked);
    return tracked;
  }
}

/**
 * Writes to `items` in slices: a slice ends after `perSlice` items or once `budgetMs` have passed
 * since it began (checked after each write, so every slice writes at least one), and the next
 * slice waits for `nextTurn` (the I/O read meanwhile is handled first). The first slice is
 * written before this returns a pending promise.
 * @example await writeInSlices(ids, (id) => write(id), { perSlice: 100, budgetMs: 1, now: () => performance.now(), nextTurn })
 */
export async function writeInSlices<T>(items: readonly T[], write: (item: T) => void, options: { perSlice: number; budgetMs: number; now: Now; nextTurn: () => Promise<void> }): Promise<void> {
  const { perSlice, budgetMs, now, nextTurn } = options;
  let i = 0;
  while (i < items.length) {
    if (i > 0) await nextTurn();
    const started = now();
    const end = Math.min(items.length, i + Math.max(1, perSlice));
    do write(items[i++]!);
    while (i < end && now() - started < budgetMs);
  }
}
