import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import fc from 'fast-check';
import { Server, type Socket as ServerSocket } from 'socket.io';
import { io, type Socket } from 'socket.io-client';
import { Decoder, Encoder } from 'socket.io-parser';
import { afterEach, describe, expect, it } from 'vitest';
import { directSocketPath, parsePacket } from '../../src/client/directSocketPath.js';

/** What socket.io-parser's decoder makes of a string: its packet, or undefined when it throws. */
function decode(packet: string): { type: number; id?: number; nsp: string; data?: unknown } | undefined {
  const decoder = new Decoder();
  let out: { type: number; id?: number; nsp: string; data?: unknown } | undefined;
  decoder.on('decoded', (p: typeof out) => (out = p));
  try {
    decoder.add(packet);
  } catch {
    return undefined;
  }
  return out;
}

describe('parsePacket', () => {
  it('reads EVENT and ACK packets of the default namespace as socket.io-parser does, and nothing else', () => {
    const packets = [
      '2["invitation:update",{"invitation":{"inviteID":"i1"},"serverTime":1}]',
      '31[{"ok":true,"result":{"invitation":{"users":[]}}}]',
      '3123456789[{"ok":false}]',
      '27["a",1,2]',
      '2["a"]',
      '3[{"ok":true}]', // an ACK without an id: left to socket.io, which drops it
      '2/admin,["a",1]',
      '51-["a",{"_placeholder":true,"num":0}]',
      '2["connect"]',
      '2[1,2]',
      '2{"a":1}',
      '2["a",',
      '0{"sid":"x"}',
      '1',
      '',
      '4{"message":"x"}',
    ];
    for (const packet of packets) {
      const mine = parsePacket(packet);
      if (mine === undefined) continue; // left to socket.io
      expect(decode(packet), packet).toEqual({ type: mine.type, nsp: '/', data: mine.data, ...(mine.id !== undefined && { id: mine.id }) });
    }
    expect(parsePacket(packets[0]!)).toBeDefined();
    expect(parsePacket(packets[1]!)).toEqual({ type: 3, id: 1, data: [{ ok: true, result: { invitation: { users: [] } } }] });
    for (const left of packets.slice(5)) expect(parsePacket(left), left).toBeUndefined();
  });

  it('agrees with socket.io-parser on any JSON event or acknowledgement', () => {
    fc.assert(
      fc.property(fc.constantFrom(2, 3), fc.option(fc.nat(), { nil: undefined }), fc.string({ minLength: 1 }), fc.array(fc.jsonValue(), { maxLength: 3 }), (type, id, name, rest) => {
        const [encoded] = new Encoder().encode({ type, nsp: '/', ...(id !== undefined && { id }), data: type === 2 ? [name, ...rest] : rest }) as [string];
        const mine = parsePacket(encoded);
        if (mine === undefined) return;
        expect(decode(encoded)).toEqual({ type: mine.type, nsp: '/', data: mine.data, ...(mine.id !== undefined && { id: mine.id }) });
      }),
    );
  });
});

describe('directSocketPath', () => {
  let close: (() => Promise<void>) | undefined;
  afterEach(async () => {
    await close?.();
    close = undefined;
  });

  /** A bare socket.io server and a client socket connected to it, with the server's raw inbound packets. */
  async function connect(install: (client: Socket) => void = () => undefined): Promise<{ server: ServerSocket; client: Socket; inbound: string[] }> {
    const http = createServer();
    const ioServer = new Server(http);
    await new Promise<void>((r) => http.listen(0, r));
    const inbound: string[] = [];
    ioServer.engine.on('connection', (conn: { on(e: string, f: (p: { type: string; data: string }) => void): void }) =>
      conn.on('packet', (p) => p.type === 'message' && inbound.push(p.data)),
    );
    const serverSide = new Promise<ServerSocket>((r) => ioServer.on('connection', r));
    const client = io(`http://localhost:${(http.address() as AddressInfo).port}`, { transports: ['websocket'], forceNew: true, reconnection: false });
    // As the socket transport does: right after io(), before the connection opens.
    install(client);
    await new Promise<void>((r) => void client.once('connect', () => r()));
    close = async () => {
      client.disconnect();
      await new Promise((r) => ioServer.close(r));
    };
    return { server: await serverSide, client, inbound };
  }

  it('writes a request byte for byte as socket.io does and hands its answer on', async () => {
    let direct!: ReturnType<typeof directSocketPath>;
    const { server, client, inbound } = await connect((client) => (direct = directSocketPath(client, {})));
    server.on('invitation:accept', (_payload: unknown, ack: (x: unknown) => void) => ack({ ok: true, result: { n: 1 } }));
    expect(direct.installed).toBe(true);
    const params = { inviteID: 'i1', data: 'x"y\\z ✓', requestID: 'r.1', list: ['a', 'b'], nested: { n: null, skip: undefined } };
    const viaSocketIO = await client.emitWithAck('invitation:accept', params);
    const direct1 = await new Promise((r) => direct.request('invitation:accept', params, r as never));
    expect(direct1).toEqual(viaSocketIO);
    const [first, second] = inbound.slice(-2) as [string, string];
    // The same packet but for its acknowledgement id, which both take from socket.io's counter in turn.
    expect(second).toBe(first.replace(/^20/, '21'));
    expect(second).toBe(new Encoder().encode({ type: 2, nsp: '/', id: 1, data: ['invitation:accept', params] })[0]);
  });

  it('keeps the order of a connection’s packets around one socket.io must handle (binary), and leaves other listeners to socket.io', async () => {
    const seen: string[] = [];
    const decoded: unknown[] = [];
    const onUpdate = (u: { n: number }) => seen.push(`update ${u.n}`);
    const { server, client } = await connect((client) => {
      client.on('invitation:update', onUpdate);
      client.on('blob', (b: Buffer) => seen.push(`blob ${b.length}`));
      // What socket.io's decoder is given (the packets the direct path left to it).
      const decoder = (client.io as unknown as { decoder: { add(data: unknown): void } }).decoder;
      const add = decoder.add.bind(decoder);
      decoder.add = (data) => (decoded.push(data), add(data));
      directSocketPath(client, { 'invitation:update': onUpdate as never });
    });
    server.emit('invitation:update', { n: 1 });
    server.emit('blob', Buffer.alloc(3));
    server.emit('invitation:update', { n: 2 });
    server.emit('invitation:update', { n: 3 });
    await until(() => seen.length === 4);
    expect(seen).toEqual(['update 1', 'blob 3', 'update 2', 'update 3']);
    expect(decoded).not.toContain('2["invitation:update",{"n":1}]'); // read directly
    expect(decoded.some((d) => typeof d === 'string' && d.startsWith('51-["blob"'))).toBe(true);
    // A second listener of the event (not the direct path's): socket.io calls both, in order.
    client.on('invitation:update', (u: { n: number }) => seen.push(`other ${u.n}`));
    server.emit('invitation:update', { n: 4 });
    await until(() => seen.length === 6);
    expect(seen.slice(4)).toEqual(['update 4', 'other 4']);
    expect(decoded).toContain('2["invitation:update",{"n":4}]');
  });

  it('falls back to socket.io for a request with flags, binary or a non-plain payload', async () => {
    let direct!: ReturnType<typeof directSocketPath>;
    const { server, inbound } = await connect((client) => (direct = directSocketPath(client, {})));
    server.on('x', (_p: unknown, ack: (x: unknown) => void) => ack('ok'));
    const answers: unknown[] = [];
    direct.request('x', { when: new Date(0) }, ((a: unknown) => answers.push(a)) as never);
    direct.request('x', { bytes: Buffer.from('ab') }, ((a: unknown) => answers.push(a)) as never);
    await until(() => answers.length === 2);
    expect(answers).toEqual(['ok', 'ok']);
    const events = inbound.filter((p) => p !== '0'); // the CONNECT packet first
    expect(events[0]).toBe('20["x",{"when":"1970-01-01T00:00:00.000Z"}]');
    expect(events[1]?.startsWith('51-1["x",{"bytes":{"_placeholder":true')).toBe(true); // binary, encoded by socket.io
  });
});

async function until(check: () => boolean, ms = 2000): Promise<void> {
  const end = Date.now() + ms;
  while (!check()) {
    if (Date.now() > end) throw new Error('timed out');
    await new Promise((r) => setTimeout(r, 5));
  }
}
