import { EventEmitter } from 'node:events';
import { io, type Socket as ClientSocket } from 'socket.io-client';
import type { Socket } from 'socket.io';
import { Decoder, Encoder } from 'socket.io-parser';
import { afterEach, describe, expect, it } from 'vitest';
import { encodeAckPacket, parseEventPacket, readCommandsDirectly } from '../../src/server/readCommandsDirectly.js';
import { startServer, until } from '../support/harness.js';

/** What socket.io-parser decodes `packet` to, or the error it throws. */
function socketIODecode(packet: string): { type: number; nsp: string; id?: number; data?: unknown } | Error {
  const decoder = new Decoder();
  let decoded: { type: number; nsp: string; id?: number; data?: unknown } | Error = new Error('nothing decoded');
  decoder.on('decoded', (p: { type: number; nsp: string; id?: number; data?: unknown }) => (decoded = p));
  try {
    decoder.add(packet);
  } catch (error) {
    decoded = error as Error;
  }
  return decoded;
}

describe('a command packet decoded and answered by hand, as socket.io-parser would', () => {
  it('decodes what it takes exactly as socket.io-parser does, and leaves the rest to socket.io', () => {
    const taken = [
      '2["session:sync",{"known":{}}]',
      '20["invitation:invite",{"invitee":"bob","requestID":"r-1"}]',
      '21["invitation:accept",{"inviteID":"i1"}]',
      '2987654321["x",1,"two",{"three":[3]}]',
      '2["invitation:received",{"inviteID":"é ☎ \\u0000"}]',
      '212["a"]',
      '2007["a",{}]',
    ];
    for (const packet of taken) {
      const mine = parseEventPacket(packet);
      const theirs = socketIODecode(packet);
      expect(theirs).not.toBeInstanceOf(Error);
      expect(mine).toBeDefined();
      expect(theirs).toEqual({ type: 2, nsp: '/', ...(mine!.id !== undefined && { id: mine!.id }), data: mine!.data });
    }
    const left = [
      '2["connect"]', // reserved: socket.io refuses it
      '2["disconnect",{}]',
      '2[1,2]', // a numeric event name
      '2[]',
      '2{"a":1}',
      '21["a",', // not JSON
      '2/admin,1["a"]', // another namespace
      '2 1["a"]',
      '21x["a"]',
      '2',
      '21',
      '3["a"]',
      '0{}',
      '1',
      '51-["a",{"_placeholder":true,"num":0}]', // binary
      '',
    ];
    for (const packet of left) expect(parseEventPacket(packet), packet).toBeUndefined();
  });

  it('encodes an acknowledgement byte for byte as socket.io-parser does', () => {
    const outcomes: unknown[] = [
      { ok: true, result: { inviteID: 'i1', invitation: { users: [{ userID: 'b', state: 'accepted', data: 'x"y\\z', updateTime: 12 }], version: 3 } } },
      { ok: false, error: { code: 'INVALID_PARAMETER', message: 'unknown command ✗ "x"' } },
      { ok: true },
      null,
      undefined,
      'text',
      [1, { a: [] }],
    ];
    for (const id of [0, 7, 123456789]) {
      for (const outcome of outcomes) expect([encodeAckPacket(id, outcome)]).toEqual(new Encoder().encode({ type: 3, nsp: '/', id, data: [outcome] }));
    }
  });

  it('keeps a connection’s order: a packet left to socket.io holds back the commands read after it until socket.io has handled it', async () => {
    const calls: string[] = [];
    const conn = Object.assign(new EventEmitter(), { readyState: 'open', written: [] as string[], write(data: string) { this.written.push(data); } });
    // A stand-in for socket.io's client: it hands a packet to the socket a tick after reading it.
    const client = {
      conn,
      decoder: {},
      ondata(data: string) {
        process.nextTick(() => calls.push(`socket.io:${data}`));
      },
    };
    conn.on('data', client.ondata);
    const anyListener = () => undefined;
    const socket = Object.assign(new EventEmitter(), { connected: true, fns: [], _anyListeners: [anyListener], client });
    readCommandsDirectly(socket as unknown as Socket, anyListener, (name, argCount, payload, ack) => {
      calls.push(`direct:${String(name)}:${argCount}:${JSON.stringify(payload)}`);
      ack?.({ ok: true });
    });
    conn.emit('data', '21["a",{"n":1}]');
    conn.emit('data', '5-1["b"]');
    conn.emit('data', '22["c",{}]');
    await new Promise((resolve) => setImmediate(resolve));
    conn.emit('data', '2["d",1,2]');
    expect(calls).toEqual(['direct:a:1:{"n":1}', 'socket.io:5-1["b"]', 'socket.io:22["c",{}]', 'direct:d:2:1']);
    expect(conn.written).toEqual(['31[{"ok":true}]']);
  });
});

describe('commands read directly on a real server', () => {
  const sockets: ClientSocket[] = [];
  afterEach(() => sockets.splice(0).forEach((s) => s.disconnect()));

  async function rawDevice(url: string, userID: string) {
    const socket = io(url, { transports: ['websocket'], forceNew: true, reconnection: false, auth: { userID, deviceID: `${userID}-raw` } });
    sockets.push(socket);
    await new Promise<void>((resolve, reject) => (socket.once('connect', resolve), socket.once('connect_error', reject)));
    return socket;
  }

  it('answers commands, bad input and unknown commands as before, and an app’s own listeners on the socket still see every command', async () => {
    const server = await startServer();
    const seenByApp: string[] = [];
    const viaMiddleware: string[] = [];
    server.io.on('connection', (s) => {
      if (s.handshake.auth.userID === 'watched') {
        s.on('invitation:invite', () => seenByApp.push('invite'));
        s.use(([name], next) => (viaMiddleware.push(String(name)), next()));
      }
    });
    for (const userID of ['plain', 'watched']) {
      const socket = await rawDevice(server.url, userID);
      expect(await socket.emitWithAck('session:sync', { known: {} })).toMatchObject({ ok: true });
      const invited = (await socket.emitWithAck('invitation:invite', { invitees: ['nobody-online'], requestID: `${userID}-1`, timeout: 30 })) as { ok: boolean; result: { inviteID: string } };
      expect(invited).toMatchObject({ ok: true });
      // A retry returns the first result (docs/protocol.md section 4).
      expect(await socket.emitWithAck('invitation:invite', { invitees: ['nobody-online'], requestID: `${userID}-1`, timeout: 30 })).toMatchObject({ ok: true, replayed: true, result: { inviteID: invited.result.inviteID } });
      expect(await socket.emitWithAck('invitation:accept', { inviteID: 42 })).toMatchObject({ ok: false, error: { code: 'INVALID_PARAMETER' } });
      expect(await socket.emitWithAck('no:such', {})).toEqual({ ok: false, error: { code: 'INVALID_PARAMETER', message: 'unknown command no:such' } });
      expect(await socket.emitWithAck('invitation:accept', { inviteID: 'x' }, 'extra')).toMatchObject({ ok: false, error: { code: 'INVALID_PARAMETER' } });
    }
    await until(() => seenByApp.length === 2, 5000, 'the app’s listener hears both invites');
    expect(viaMiddleware).toEqual(['session:sync', 'invitation:invite', 'invitation:invite', 'invitation:accept', 'no:such', 'invitation:accept']);
  });
});
