import { io, type Socket } from 'socket.io-client';
import { createSignalingClient, type SignalingClient } from 'ringkit';

/** Connects in batches so a thousand handshakes do not time out on a small machine. */
async function inBatches<T>(ids: string[], batch: number, open: (id: string) => Promise<T>): Promise<T[]> {
  const out: T[] = [];
  for (let i = 0; i < ids.length; i += batch) out.push(...(await Promise.all(ids.slice(i, i + batch).map(open))));
  return out;
}

/**
 * Ringkit clients (dev-mode auth), connected and in sync.
 * @example const [alice, bob] = await connectRingkit(url, ['alice', 'bob'])
 */
export function connectRingkit(url: string, ids: string[], batch = 100): Promise<SignalingClient[]> {
  return inBatches(ids, batch, async (userID) => {
    const client = createSignalingClient({ url, userID, requestTimeoutMs: 10_000 });
    await client.connect();
    return client;
  });
}

/**
 * Bare socket.io clients over WebSocket, each in the room `user:<id>` of the bare server.
 * @example const [a, b] = await connectBare(url, ['a', 'b'])
 */
export function connectBare(url: string, ids: string[], batch = 200): Promise<Socket[]> {
  return inBatches(ids, batch, (userID) => {
    const socket = io(url, { transports: ['websocket'], auth: { userID }, forceNew: true, reconnection: false });
    return new Promise<Socket>((resolve, reject) => {
      socket.once('connect', () => resolve(socket));
      socket.once('connect_error', reject);
    });
  });
}

/** Disconnects every client. */
export function closeAll(clients: (SignalingClient | Socket)[]): void {
  for (const c of clients) c.disconnect();
}
