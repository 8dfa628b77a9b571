import type { Server, Socket } from 'socket.io';
import { PRESENCE_NAMESPACE } from './src/presenceNamespace.js';

/**
 * Demo-only presence: ringkit's protocol has no "who is online" list, so the demo server watches
 * the signaling connections and pushes the sorted list of signed-in userIDs to every page on the
 * `/demo-presence` namespace (event `online`) whenever someone connects or leaves.
 * @example trackPresence(server.io)
 */
export function trackPresence(io: Server): void {
  const presence = io.of(PRESENCE_NAMESPACE);
  const online = () => {
    const users = new Set<string>();
    for (const socket of io.of('/').sockets.values()) {
      const userID = (socket.data as { session?: { userID: string } }).session?.userID;
      if (socket.connected && userID) users.add(userID);
    }
    return [...users].sort();
  };
  const broadcast = () => presence.emit('online', online());
  io.on('connection', (socket: Socket) => {
    broadcast();
    socket.on('disconnect', () => setImmediate(broadcast));
  });
  presence.on('connection', (socket) => socket.emit('online', online()));
}
