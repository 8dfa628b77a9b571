import type { Socket as EngineSocket } from 'engine.io';

/** The `ws` socket under an engine.io connection's WebSocket transport, as far as ringkit reads it. */
export interface WsSocket {
  /** Bytes `ws` still holds, not yet handed to its stream. */
  bufferedAmount?: number;
  /** The stream under it (a `net.Socket`, or a `tls.TLSSocket`). */
  _socket?: unknown;
}

/**
 * The `ws` socket under an engine.io connection (none for polling): the one place ringkit reads
 * engine.io's transport internals (versions pinned; the outbound cap's and the held writes' tests
 * use real servers and fail if they move).
 * @example const stream = wsSocketOf(conn)?._socket
 */
export function wsSocketOf(conn: EngineSocket): WsSocket | undefined {
  return (conn.transport as unknown as { socket?: WsSocket } | undefined)?.socket;
}
