import { useEffect, useState } from 'react';
import { io } from 'socket.io-client';
import { PRESENCE_NAMESPACE } from './presenceNamespace.js';

/**
 * Who is signed in to the demo right now (pushed by the demo server; see `trackPresence`).
 * @example const online = useOnlineUsers(); online.map((u) => <button>Call {u}</button>)
 */
export function useOnlineUsers(): readonly string[] {
  const [users, setUsers] = useState<readonly string[]>([]);
  useEffect(() => {
    const socket = io(PRESENCE_NAMESPACE, { transports: ['websocket'] });
    socket.on('online', (list: string[]) => setUsers(list));
    return () => {
      socket.disconnect();
    };
  }, []);
  return users;
}
