import type { Socket } from 'socket.io-client';

/** socket.io's EVENT and ACK packet types (socket.io-parser). */
const EVENT_PACKET = 2;
const ACK_PACKET = 3;

/** What every request is written with (socket.io's: compressed unless the emit said otherwise). */
const WRITE_OPTIONS = { compress: true };

/**
 * socket.io-client's socket, as far as deciding that it would do nothing more with a packet than
 * call one listener or one acknowledgement (pinned 4.8.4's fields; any missing one turns the direct
 * path off).
 */
interface SocketInternals {
  connected: boolean;
  nsp: string;
  ids: number;
  acks: Record<number, ((...args: unknown[]) => void) & { withError?: boolean }>;
  flags: Record<string, unknown>;
  _opts: { retries?: number };
  _pid?: string;
  _anyListeners?: unknown[];
  _anyOutgoingListeners?: unknown[];
  _callbacks?: Record<string, unknown[] | undefined>;
  io: ManagerInternals;
}

/** socket.io-client's manager (one engine.io connection). */
interface ManagerInternals {
  engine?: { write(data: string, options: object): void; _hasPingExpired?(): boolean };
  decoder?: { reconstructor?: unknown; on?(event: string, fn: () => void): void };
  ondata(data: unknown): void;
  on(event: string, fn: () => void): void;
}

/**
 * The direct path of one socket: `request` writes a command as socket.io would; `installed` says
 * whether the packets read are handled directly too.
 */
export interface DirectPath {
  /** Sends `name` with `params` and an acknowledgement, as `socket.emit(name, params, ack)` does. */
  request(name: string, params: unknown, ack: (answer: never) => void): void;
  readonly installed: boolean;
}

/**
 * Reads and writes a socket's packets without socket.io-client's per-packet machinery while it
 * would do nothing more than call one of `listeners` or one acknowledgement (the client's side
 * of the server's `readCommandsDirectly`). An EVENT packet of the default namespace whose event
 * has exactly its listener in `listeners` (registered with `socket.on`), and an ACK packet, are
 * decoded as socket.io-parser does and handed on as they are read (socket.io decodes them, emits
 * four events and waits a tick); a command is encoded by hand (`2<id>["name",{…}]`, byte for byte
 * the parser's output) and written straight to the engine, its acknowledgement kept where
 * socket.io keeps it (so a disconnect settles it as before). Anything else (connect, disconnect,
 * binary, another namespace, a listener added by someone else, `onAny`, connection-state
 * recovery, queued retries, emit flags, an expired ping, data that is not JSON) goes through
 * socket.io as before, and the packets read after such a packet follow it there until socket.io
 * has handed it on: the order of a connection's packets is kept. A listener that throws does so
 * in a microtask, as in socket.io's tick (it does not close the connection).
 * @example
 * socket.on(UPDATE_EVENT, onUpdate)
 * const direct = directSocketPath(socket, { [UPDATE_EVENT]: onUpdate })
 * direct.request('invitation:accept', { inviteID }, (ack) => ...)
 */
export function directSocketPath(socket: Socket, listeners: Record<string, (payload: never) => void>): DirectPath {
  const s = socket as unknown as SocketInternals;
  const manager = s.io;
  const usable =
    typeof manager?.ondata === 'function' &&
    typeof manager.on === 'function' &&
    typeof manager.decoder?.on === 'function' &&
    typeof s.ids === 'number' &&
    typeof s.acks === 'object' &&
    s.acks !== null &&
    typeof s.flags === 'object' &&
    typeof s._opts === 'object';
  const slowRequest = (name: string, params: unknown, ack: (answer: never) => void) => void socket.emit(name, params, ack);
  if (!usable) return { request: slowRequest, installed: false };

  /** The event keys as component-emitter stores them (`$name`), made once. */
  const keys = new Map(Object.entries(listeners).map(([name, fn]) => [name, { key: `$${name}`, fn }]));
  /** Packets given to socket.io's decoder whose deferred `packet` event has not come yet. */
  let slowPending = 0;
  manager.decoder!.on!('decoded', () => slowPending++);
  manager.on('packet', () => slowPending--);
  const slowData = manager.ondata;

  const isQuiet = () => s.connected && s.nsp === '/' && s._pid === undefined && !(s._anyListeners && s._anyListeners.length > 0) && !manager.decoder?.reconstructor;

  const ondata = function (this: unknown, data: unknown): void {
    if (slowPending > 0 || typeof data !== 'string' || !isQuiet()) return slowData.call(manager, data);
    const packet = parsePacket(data);
    if (packet === undefined) return slowData.call(manager, data);
    const args = packet.data;
    if (packet.type === ACK_PACKET) {
      const ack = s.acks[packet.id!];
      if (typeof ack !== 'function') return; // socket.io drops an unknown ack too
      delete s.acks[packet.id!];
      if (ack.withError) args.unshift(null);
      return dispatch(ack, args);
    }
    const entry = args.length === 2 && packet.id === undefined ? keys.get(args[0] as string) : undefined;
    const registered = entry && s._callbacks?.[entry.key];
    if (!entry || registered?.length !== 1 || registered[0] !== entry.fn) return slowData.call(manager, data);
    dispatch(entry.fn as (...a: unknown[]) => void, [args[1]]);
  };
  // socket.io's manager binds `ondata` to the engine's `data` event at each (re)connection: this one is bound instead.
  manager.ondata = ondata;

  const dispatch = (fn: (...a: unknown[]) => void, args: unknown[]) => {
    try {
      fn.apply(socket, args);
    } catch (error) {
      queueMicrotask(() => {
        throw error;
      });
    }
  };

  return {
    installed: true,
    request(name, params, ack) {
      const engine = manager.engine;
      if (!s.connected || s.nsp !== '/' || s._opts.retries || hasFlags(s.flags) || (s._anyOutgoingListeners && s._anyOutgoingListeners.length > 0) || !engine || !isJSONOnly(params, 4)) {
        return slowRequest(name, params, ack);
      }
      // socket.io buffers the request when the ping expired (and closes the connection): it decides.
      if (typeof engine._hasPingExpired !== 'function' || engine._hasPingExpired()) return slowRequest(name, params, ack);
      const id = s.ids++;
      s.acks[id] = ack as (...args: unknown[]) => void;
      engine.write(`${EVENT_PACKET}${id}${JSON.stringify([name, params])}`, WRITE_OPTIONS);
    },
  };
}

/** Whether an emit's flags (volatile, timeout, compress) are all unset. */
function hasFlags(flags: Record<string, unknown>): boolean {
  for (const key in flags) if (flags[key] !== undefined) return true;
  return false;
}

/**
 * Whether `value` holds only what JSON writes as it is (strings, numbers, booleans, null,
 * undefined, arrays and plain objects, `depth` levels deep): socket.io-parser would find no
 * binary in it and encode it with `JSON.stringify`.
 */
function isJSONOnly(value: unknown, depth: number): boolean {
  if (value === null || typeof value !== 'object') return typeof value !== 'function' && typeof value !== 'bigint';
  if (depth === 0) return false;
  if (Array.isArray(value)) {
    for (let i = 0; i < value.length; i++) if (!isJSONOnly(value[i], depth - 1)) return false;
    return true;
  }
  const proto: unknown = Object.getPrototypeOf(value);
  if (proto !== Object.prototype && proto !== null) return false;
  if (typeof (value as { toJSON?: unknown }).toJSON === 'function') return false;
  for (const key in value) if (!isJSONOnly((value as Record<string, unknown>)[key], depth - 1)) return false;
  return true;
}

/** Event names socket.io-parser refuses in an EVENT packet. */
const RESERVED_EVENTS: ReadonlySet<string> = new Set(['connect', 'connect_error', 'disconnect', 'disconnecting', 'newListener', 'removeListener']);

/**
 * An EVENT or ACK packet of the default namespace as socket.io-parser decodes it (`2<id>[…]`,
 * `3<id>[…]`); undefined for anything else (another type or namespace, binary, an ACK without
 * an id, data that is not JSON or not what the type needs), which is left to socket.io.
 * @example parsePacket('312[{"ok":true}]') // { type: 3, id: 12, data: [{ ok: true }] }
 */
export function parsePacket(packet: string): { type: number; id: number | undefined; data: unknown[] } | undefined {
  const type = packet.charCodeAt(0) - 48;
  if (type !== EVENT_PACKET && type !== ACK_PACKET) return undefined;
  let i = 1;
  let code = packet.charCodeAt(i);
  while (code >= 48 && code <= 57) code = packet.charCodeAt(++i);
  if (code !== 91 /* [ */) return undefined;
  // socket.io-parser reads at most 16 digits as a Number; a longer id is left to it.
  if (i - 1 > 15) return undefined;
  const id = i === 1 ? undefined : Number(packet.slice(1, i));
  if (type === ACK_PACKET && id === undefined) return undefined;
  let data: unknown;
  try {
    data = JSON.parse(i === 1 ? packet.slice(1) : packet.slice(i));
  } catch {
    return undefined;
  }
  if (!Array.isArray(data)) return undefined;
  if (type === EVENT_PACKET && (typeof data[0] !== 'string' || RESERVED_EVENTS.has(data[0]))) return undefined;
  return { type, id, data };
}
