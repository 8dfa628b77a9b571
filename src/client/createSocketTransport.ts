import { io, type Socket } from 'socket.io-client';
import { RingkitError } from '../protocol/errors.js';
import type { WireError } from '../protocol/errors.js';
import type { CommandAck, CommandName, CommandParams } from '../protocol/commands.js';
import type { MediaSignalEvent } from '../protocol/events.js';
import { CLOSED_EVENT, MEDIA_SIGNAL_EVENT, UPDATE_EVENT, type WireUpdate } from '../protocol/wire.js';
import { isPacked, PACKED_WIRE, unpackUpdate } from '../protocol/packedUpdate.js';
import { directSocketPath, type DirectPath } from './directSocketPath.js';
import { RequestDeadlines, type WaitingRequest } from './RequestDeadlines.js';
import type { Transport, TransportListener } from './Transport.js';

/**
 * Options of the socket.io transport.
 * @example const options: SocketTransportOptions = { url: 'http://localhost:4000', token: () => fetchToken(), deviceID: 'phone' }
 */
export interface SocketTransportOptions {
  url: string;
  /** A JWT, or a function returning a fresh one at every (re)connect (then an expired session reconnects with a new token). */
  token?: string | (() => string | Promise<string>);
  /** Development mode only: the userID the server should trust. */
  userID?: string;
  deviceID: string;
  /** socket.io path (default `/socket.io`). */
  path?: string;
}

/**
 * The network transport: one socket.io connection that reconnects by itself.
 * @example createSocketTransport({ url: 'http://localhost:4000', token, deviceID: 'phone' })
 */
export function createSocketTransport(options: SocketTransportOptions): Transport {
  let socket: Socket | undefined;
  let current: TransportListener | undefined;
  let direct: DirectPath | undefined;
  /** The requests still waiting for their answer: failed when the connection drops (no answer can come). */
  const waiting = new RequestDeadlines();

  return {
    open(listener: TransportListener) {
      current = listener;
      socket = io(options.url, {
        path: options.path ?? '/socket.io',
        transports: ['websocket'],
        reconnectionDelay: 200,
        reconnectionDelayMax: 2000,
        auth: (cb) => {
          const send = (token?: string) =>
            cb({ deviceID: options.deviceID, wire: PACKED_WIRE, ...(token !== undefined && { token }), ...(options.userID !== undefined && { userID: options.userID }) });
          if (typeof options.token === 'function') void Promise.resolve(options.token()).then(send, () => send());
          else send(options.token);
        },
      });
      let closedFor: WireError | undefined;
      const comeBack = () => setTimeout(() => socket?.connect(), 200 + Math.random() * 800);
      socket.on('connect', () => listener.onOpen());
      const onUpdate = (update: WireUpdate) => listener.onUpdate(isPacked(update) ? unpackUpdate(update) : update);
      const onMediaSignal = (signal: MediaSignalEvent) => listener.onMediaSignal?.(signal);
      socket.on(UPDATE_EVENT, onUpdate);
      socket.on(MEDIA_SIGNAL_EVENT, onMediaSignal);
      // Updates, media signals, requests and their answers skip socket.io-client's per-packet machinery while it would only hand them on.
      direct = directSocketPath(socket, { [UPDATE_EVENT]: onUpdate, [MEDIA_SIGNAL_EVENT]: onMediaSignal });
      socket.on(CLOSED_EVENT, (error: WireError) => (closedFor = error));
      socket.on('disconnect', (reason) => {
        waiting.failAll();
        if (reason === 'io client disconnect') return;
        // An expired session comes back when the app can mint a fresh token; a refused one then is final.
        if (closedFor?.code === 'UNAUTHENTICATED' && typeof options.token === 'function') closedFor = undefined;
        if (closedFor) return listener.onClose(false, closedFor);
        listener.onClose(true);
        // A server that shuts down (restart, deploy) closes sockets itself: come back like after a network loss.
        if (reason === 'io server disconnect') comeBack();
      });
      socket.on('connect_error', (err: Error & { data?: { code?: string; message?: string } }) => {
        const data = err.data;
        // Refusals about who you are are final; anything else (e.g. storage down) is retried.
        if (data?.code === 'UNAUTHENTICATED' || data?.code === 'TOO_MANY_DEVICES') {
          listener.onClose(false, { code: data.code, message: data.message ?? err.message });
          socket?.disconnect();
        } else {
          listener.onClose(true, { code: data?.code ?? 'NOT_CONNECTED', message: data?.message ?? err.message });
          // socket.io retries a failed connection by itself, but not one its server refused (e.g. INTERNAL).
          if (!socket?.active) comeBack();
        }
      });
    },
    close() {
      socket?.disconnect();
      socket?.removeAllListeners();
      socket = undefined;
      direct = undefined;
    },
    notify(name, params) {
      if (!socket?.connected) return false;
      socket.emit(name, params);
      return true;
    },
    request<N extends CommandName>(name: N, params: CommandParams<N>, timeoutMs: number) {
      // `direct` is made with the socket (it falls back to `socket.emit` by itself).
      const path = direct;
      if (!socket?.connected || !path) return Promise.reject(new RingkitError('NOT_CONNECTED', 'not connected'));
      return new Promise<CommandAck<N>>((resolve, reject) => {
        const request: WaitingRequest = {
          deadline: Date.now() + timeoutMs,
          fail: (why) => reject(new RingkitError('REQUEST_TIMEOUT', why === 'lost' ? `${name}: the connection was lost before the answer` : `${name}: no answer within ${timeoutMs} ms`)),
        };
        waiting.add(request);
        const answered = (ack: CommandAck<N>) => {
          // Even after the request timed out: the answer of a change may be this device's only copy
          // of it (the server sends the device that asked for a small invitation's change no update
          // of it), so a late answer still reaches the mirror, which keeps the newest version.
          current?.onAnswer?.(name, ack as CommandAck<CommandName>);
          if (waiting.delete(request)) resolve(ack);
        };
        path.request(name, params, answered);
      });
    },
  };
}
