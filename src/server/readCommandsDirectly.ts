import type { Socket } from 'socket.io';
import type { Socket as EngineSocket } from 'engine.io';
import { stringifyReusing } from './stringifyReusing.js';
import { textFrame } from './textFrame.js';

/** socket.io's EVENT and ACK packet types (socket.io-parser). */
const EVENT_PACKET = 2;
const ACK_PACKET = 3;

/** Event names socket.io-parser refuses in an EVENT packet (its `RESERVED_EVENTS`). */
const RESERVED_EVENTS: ReadonlySet<string> = new Set(['connect', 'connect_error', 'disconnect', 'disconnecting', 'newListener', 'removeListener']);

/** The options every acknowledgement is written with (socket.io's: compressed when the transport compresses). */
const ACK_WRITE_OPTIONS = { compress: true };

/**
 * A command as a device sent it: the event's name, how many arguments came after it (the
 * acknowledgement not counted), the first of them, and the acknowledgement if the device asked for one.
 */
export type CommandListener = (name: unknown, argCount: number, payload: unknown, ack: ((outcome: unknown) => void) | undefined) => void;

/**
 * An EVENT packet of the default namespace as socket.io-parser decodes it (`2<id>[name,…]`): its
 * acknowledgement id, if any, and its data; undefined for anything else (another type or
 * namespace, binary, an id that is not plain digits, data that is not JSON or not an event's), which
 * is left to socket.io (it decodes, refuses or closes exactly as before).
 * @example parseEventPacket('21["invitation:accept",{"inviteID":"i1"}]') // { id: 1, data: ['invitation:accept', { inviteID: 'i1' }] }
 */
export function parseEventPacket(packet: string): { id: number | undefined; data: unknown[] } | undefined {
  if (packet.charCodeAt(0) !== 48 + EVENT_PACKET) return undefined;
  let i = 1;
  let code = packet.charCodeAt(i);
  while (code >= 48 && code <= 57) code = packet.charCodeAt(++i);
  if (code !== 91 /* [ */) return undefined;
  let data: unknown;
  try {
    data = JSON.parse(i === 1 ? packet.slice(1) : packet.slice(i));
  } catch {
    return undefined;
  }
  if (!Array.isArray(data) || typeof data[0] !== 'string' || RESERVED_EVENTS.has(data[0])) return undefined;
  return { id: i === 1 ? undefined : Number(packet.slice(1, i)), data };
}

/**
 * An acknowledgement as socket.io encodes it for the default namespace (`3<id>[outcome]`, byte for
 * byte socket.io-parser's output). An outcome holds only JSON values (never binary), so the
 * parser's walk looking for binary is skipped.
 * @example encodeAckPacket(7, { ok: true }) // '37[{"ok":true}]'
 */
export function encodeAckPacket(id: number, outcome: unknown): string {
  // An answer carrying an invitation (`{ ok, result: { invitation } }`) shares its JSON with the change's update.
  const invitation = (outcome as { result?: { invitation?: unknown } } | null)?.result?.invitation;
  const json = stringifyReusing(outcome, typeof invitation === 'object' && invitation !== null ? invitation : undefined, 2);
  return `${ACK_PACKET}${id}[${json ?? 'null'}]`;
}

/** What socket.io's per-socket machinery looks like, as far as deciding it would do nothing more than call `onAny`'s listener. */
interface SocketInternals {
  connected: boolean;
  /** `socket.use` middlewares. */
  fns?: unknown[];
  _anyListeners?: unknown[];
  listenerCount(name: string): number;
  client: { conn: EngineSocket; ondata(data: unknown): void; decoder?: { reconstructor?: unknown } };
}

/** Per engine.io connection: the default namespace's socket now, and its listeners. */
interface Route {
  socket: SocketInternals;
  anyListener: unknown;
  onCommand: CommandListener;
  /** A packet was given to socket.io and its tick has not come yet: the packets read after it go the same way, in order. */
  slowPending: boolean;
}

const routes = new WeakMap<EngineSocket, Route>();

/**
 * Reads a connection's commands without socket.io's per-packet machinery, while it would do
 * nothing more than call `anyListener` (the socket's one `onAny` listener, no `socket.use`
 * middleware, no listener of that event): an EVENT packet of the default namespace is decoded as
 * socket.io-parser would, given to `onCommand` as it is read (socket.io waits a tick and then calls
 * `anyListener` with the same arguments), and its acknowledgement is encoded by hand and written
 * straight to the connection (what socket.io's acknowledgement does, without the parser's walk
 * for binary, its packet objects and closures). Every other packet (connect, disconnect, binary,
 * another namespace, anything socket.io would refuse) goes to socket.io as before, and so do the
 * packets read after it until socket.io has handled it (a tick later): a connection's commands
 * reach `anyListener` or `onCommand` in the order they were read.
 * @example
 * socket.onAny(anyListener)
 * readCommandsDirectly(socket, anyListener, (name, argCount, payload, ack) => ...)
 */
export function readCommandsDirectly(socket: Socket, anyListener: (...args: unknown[]) => void, onCommand: CommandListener): void {
  const internals = socket as unknown as SocketInternals;
  const client = internals.client;
  const conn = client?.conn;
  if (typeof client?.ondata !== 'function' || typeof conn?.write !== 'function') return;
  const route = routes.get(conn);
  if (route) {
    // The same connection joined the namespace again: its packets go to the new socket.
    route.socket = internals;
    route.anyListener = anyListener;
    route.onCommand = onCommand;
    return;
  }
  const mine: Route = { socket: internals, anyListener, onCommand, slowPending: false };
  routes.set(conn, mine);
  const socketIOData = client.ondata;
  const slowDone = () => (mine.slowPending = false);
  /** Gives the packet to socket.io, which handles it a tick later; the packets read meanwhile follow it. */
  const toSocketIO = (data: unknown) => {
    if (!mine.slowPending) {
      mine.slowPending = true;
      // Queued after the tick socket.io's decoder queues for this packet (if it decodes one).
      process.nextTick(slowDone);
    }
    socketIOData.call(client, data);
  };
  const ondata = (data: unknown) => {
    const s = mine.socket;
    if (mine.slowPending || typeof data !== 'string' || !s.connected || s.client.decoder?.reconstructor) return toSocketIO(data);
    const packet = parseEventPacket(data);
    if (!packet) return toSocketIO(data);
    const args = packet.data;
    const name = args[0] as string;
    if ((s.fns !== undefined && s.fns.length > 0) || s._anyListeners?.length !== 1 || s._anyListeners[0] !== mine.anyListener || s.listenerCount(name) > 0) return toSocketIO(data);
    const id = packet.id;
    let ack: ((outcome: unknown) => void) | undefined;
    if (id !== undefined) {
      let sent = false;
      ack = (outcome: unknown) => {
        if (sent) return;
        sent = true;
        if (conn.readyState !== 'open') return;
        const packet = encodeAckPacket(id, outcome);
        // On a WebSocket the frame is built here, in one buffer (`textFrame`).
        const options: { compress: boolean; wsPreEncodedFrame?: Buffer[] } = conn.transport?.name === 'websocket' ? { compress: true, wsPreEncodedFrame: textFrame(packet) } : ACK_WRITE_OPTIONS;
        conn.write(packet, options);
      };
    }
    mine.onCommand(name, args.length - 1, args[1], ack);
  };
  // socket.io's client reads the connection's `data` events with its bound `ondata`.
  conn.off('data', socketIOData as (...args: unknown[]) => void);
  conn.on('data', ondata);
}
