import { createSocketTransport } from './createSocketTransport.js';
import { SignalingClient } from './SignalingClient.js';
import type { Transport } from './Transport.js';

/**
 * Options of `createSignalingClient`: a server URL with credentials, or a ready transport.
 * @example createSignalingClient({ url: 'https://signal.example.com', token: () => fetchToken() })
 */
export interface CreateSignalingClientOptions {
  /** The ringkit server, e.g. `http://localhost:4000`. */
  url?: string;
  /** A JWT whose `sub` is the userID, or a function returning a fresh one at every connect. */
  token?: string | (() => string | Promise<string>);
  /** Development mode only: the userID to sign in as. */
  userID?: string;
  /** Names this device (default: a random ID per client). */
  deviceID?: string;
  /** Milliseconds to wait for an acknowledgement. Default 10000. */
  requestTimeoutMs?: number;
  /** socket.io path on the server (default `/socket.io`). */
  path?: string;
  /** Use this transport instead of socket.io (e.g. `createLoopbackTransport`). */
  transport?: Transport;
}

/**
 * Creates a signaling client.
 * @example
 * const client = createSignalingClient({ url: 'http://localhost:4000', token })
 * client.on('invitationReceived', (e) => showRinging(e))
 * await client.connect()
 * await client.invite('bob', { timeout: 30 })
 */
export function createSignalingClient(options: CreateSignalingClientOptions): SignalingClient {
  const deviceID = options.deviceID ?? `device-${crypto.randomUUID().slice(0, 8)}`;
  const tokenUser = typeof options.token === 'string' ? subjectOf(options.token) : undefined;
  const userID = options.userID ?? tokenUser;
  const transport =
    options.transport ??
    createSocketTransport({
      url: options.url ?? (typeof location !== 'undefined' ? location.origin : 'http://localhost:4000'),
      deviceID,
      ...(options.token !== undefined && { token: options.token }),
      ...(options.userID !== undefined && { userID: options.userID }),
      ...(options.path !== undefined && { path: options.path }),
    });
  return new SignalingClient({
    transport,
    deviceID,
    ...(userID !== undefined && { userID }),
    ...(options.requestTimeoutMs !== undefined && { requestTimeoutMs: options.requestTimeoutMs }),
  });
}

/** The unverified `sub` of a JWT, so `client.userID` is known before connecting. */
function subjectOf(token: string): string | undefined {
  try {
    const payload = token.split('.')[1] ?? '';
    const json = atob(payload.replace(/-/g, '+').replace(/_/g, '/'));
    const sub = (JSON.parse(json) as { sub?: unknown }).sub;
    return typeof sub === 'string' ? sub : undefined;
  } catch {
    return undefined;
  }
}
