import type { Server as EngineServer, Socket as EngineSocket } from 'engine.io';
import { packetBytes } from './packetBytes.js';

/**
 * Closes any connection whose unsent output passes `maxBytes`: a device that stops reading
 * (frozen, suspended, on a dead link) would otherwise make the server queue every update for it
 * until the ping timeout, growing memory for everyone. Counted are the packets engine.io holds
 * while the transport is busy plus what the WebSocket has not yet handed to the kernel. The
 * client sees an ordinary disconnect, reconnects and resynchronises.
 * @example capOutboundBuffer(io.engine, 4 * 1024 * 1024, (bytes) => logger.warn({ bytes }, 'slow consumer dropped'))
 */
export function capOutboundBuffer(engine: EngineServer, maxBytes: number, onClose: (bytes: number, conn: EngineSocket) => void): void {
  engine.on('connection', (conn: EngineSocket) => {
    let queued = 0;
    conn.on('flush', () => (queued = 0));
    conn.on('packetCreate', (packet: { data?: unknown }) => {
      queued += packetBytes(packet.data);
      const bytes = queued + bufferedAmountOf(conn);
      if (bytes <= maxBytes || conn.readyState !== 'open') return;
      onClose(bytes, conn);
      conn.close(true);
    });
  });
}

/** Bytes the `ws` socket under a WebSocket transport still holds (0 for polling). */
function bufferedAmountOf(conn: EngineSocket): number {
  const ws = (conn.transport as unknown as { socket?: { bufferedAmount?: number } }).socket;
  return typeof ws?.bufferedAmount === 'number' ? ws.bufferedAmount : 0;
}
