import type { Server, Socket } from 'socket.io';
import { PACKED_WIRE, packUpdate } from '../protocol/packedUpdate.js';
import { UPDATE_EVENT, type WireUpdate } from '../protocol/wire.js';

/** The room of every device that reads packed updates, and of every device that reads plain ones. */
const PACKED_ROOM = 'wire:packed';
const PLAIN_ROOM = 'wire:plain';

/**
 * Devices written to in one go. Writing to a socket is a system call, and a class's update goes to
 * every member's device: 1,000 writes held the event loop 30–250 ms on a loaded 2-core machine,
 * so everyone else's requests waited. Larger audiences are written in slices, yielding between.
 */
const SLICE = 100;

/** Resolves after the I/O that is ready has been handled. */
const nextTurn = () => new Promise<void>((resolve) => setImmediate(resolve));

/**
 * Sends invitation updates in the wire form each device asked for: packed rows to devices whose
 * handshake said `wire: 2` (ringkit's own client), plain objects to any other. Each form is
 * encoded once per broadcast (once per slice of 100 devices for larger audiences). On one node
 * (`cluster` false) the plain form is skipped while no device reads it, and an audience over 100
 * devices is written a slice at a time, yielding to other work between slices; the updates of one
 * invitation still reach each device in order (a later update waits for the earlier one's slices).
 * @example
 * const updates = createUpdateEmitter(io, false)
 * io.on('connection', (socket) => updates.track(socket))
 * updates.emit(['group:class-1'], update)
 */
export function createUpdateEmitter(io: Server, cluster: boolean) {
  let plainDevices = 0;
  /** Per invitation, the sliced sends still being written (later ones wait for them). */
  const writing = new Map<string, Promise<void>>();

  /** The connected devices in any of `rooms` and not in `except`. */
  const devicesIn = (rooms: string[], except: string): string[] => {
    const all = io.sockets.adapter.rooms;
    const excluded = all.get(except);
    const ids = new Set<string>();
    for (const room of rooms) for (const id of all.get(room) ?? []) if (!excluded?.has(id)) ids.add(id);
    return [...ids];
  };

  /** Writes one form to `ids`, a slice at a time. */
  const sliced = async (ids: string[], form: WireUpdate) => {
    for (let i = 0; i < ids.length; i += SLICE) {
      if (i > 0) await nextTurn();
      io.to(ids.slice(i, i + SLICE)).emit(UPDATE_EVENT, form);
    }
  };

  return {
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
     * merge the changes made meanwhile into the next update.
     */
    emit(rooms: string[], update: WireUpdate): Promise<void> | undefined {
      if (rooms.length === 0) return undefined;
      const packed = packUpdate(update);
      if (cluster) {
        // Other nodes hold devices too: one broadcast per form through the adapter.
        io.to(rooms).except(PLAIN_ROOM).emit(UPDATE_EVENT, packed);
        io.to(rooms).except(PACKED_ROOM).emit(UPDATE_EVENT, update);
        return undefined;
      }
      const inviteID = update.invitation.inviteID;
      const send = async () => {
        await sliced(devicesIn(rooms, PLAIN_ROOM), packed);
        if (plainDevices > 0) await sliced(devicesIn(rooms, PACKED_ROOM), update);
      };
      const before = writing.get(inviteID);
      // Nothing pending for this invitation: write now (a small audience is written before this returns).
      // A write that throws (a socket closing under it) must not stop the updates after it.
      const tracked: Promise<void> = (before ? before.then(send) : send())
        .catch(() => undefined)
        .finally(() => writing.get(inviteID) === tracked && writing.delete(inviteID));
      writing.set(inviteID, tracked);
      return tracked;
    },
  };
}
