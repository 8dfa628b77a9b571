import type { Server, Socket } from 'socket.io';
import { PACKED_WIRE, packUpdate } from '../protocol/packedUpdate.js';
import { UPDATE_EVENT, type WireUpdate } from '../protocol/wire.js';

/** The room of every device that reads packed updates, and of every device that reads plain ones. */
const PACKED_ROOM = 'wire:packed';
const PLAIN_ROOM = 'wire:plain';

/**
 * Sends invitation updates in the wire form each device asked for: packed rows to devices whose
 * handshake said `wire: 2` (ringkit's own client), plain objects to any other. Each form is
 * encoded once per broadcast, whatever the number of recipients. Without other nodes (`cluster`
 * false) the plain form is skipped while no device of this node reads it.
 * @example
 * const updates = createUpdateEmitter(io, false)
 * io.on('connection', (socket) => updates.track(socket))
 * updates.emit(['group:class-1'], update)
 */
export function createUpdateEmitter(io: Server, cluster: boolean) {
  let plainDevices = 0;
  return {
    /** Puts a connected device in the room of its wire form. */
    track(socket: Socket): void {
      const packed = (socket.handshake.auth as { wire?: unknown } | undefined)?.wire === PACKED_WIRE;
      void socket.join(packed ? PACKED_ROOM : PLAIN_ROOM);
      if (packed) return;
      plainDevices++;
      socket.once('disconnect', () => plainDevices--);
    },
    /** Sends one update to every device in `rooms`. */
    emit(rooms: string[], update: WireUpdate): void {
      if (rooms.length === 0) return;
      io.to(rooms).except(PLAIN_ROOM).emit(UPDATE_EVENT, packUpdate(update));
      if (cluster || plainDevices > 0) io.to(rooms).except(PACKED_ROOM).emit(UPDATE_EVENT, update);
    },
  };
}
