import { EventEmitter } from 'node:events';
import type { Server as EngineServer } from 'engine.io';
import { io, type Socket } from 'socket.io-client';
import { afterEach, describe, expect, it } from 'vitest';
import { corkWritesPerTurn, HOLD_BYTES, PASS_MS, type Corkable } from '../../src/server/corkWritesPerTurn.js';
import { startServer, until } from '../support/harness.js';

/** A stream that records how deeply it is corked and what it let go. */
class FakeStream implements Corkable {
  corked = 0;
  uncorks = 0;
  destroyed = false;
  writableLength = 0;
  cork(): void {
    this.corked++;
  }
  uncork(): void {
    this.corked--;
    this.uncorks++;
  }
}

/** An engine.io connection over a WebSocket whose stream is `stream` (none: long-polling). */
function fakeConnection(engine: EventEmitter, stream?: FakeStream) {
  const conn = Object.assign(new EventEmitter(), { transport: stream ? { socket: { _socket: stream } } : { name: 'polling' } });
  engine.emit('connection', conn);
  return conn;
}

function setup(budgetMs = 0.5) {
  const engine = new EventEmitter();
  let time = 0;
  const turns: (() => void)[] = [];
  const holder = corkWritesPerTurn(engine as unknown as EngineServer, { now: () => time, later: (fn) => turns.push(fn), budgetMs });
  return {
    engine,
    holder,
    turns,
    advance: (ms: number) => (time += ms),
    endTurn: () => turns.splice(0).forEach((fn) => fn()),
  };
}

describe('corkWritesPerTurn: a turn’s writes reach the kernel together', () => {
  it('lets the turn’s first write go at once, holds the others once each and lets them go at the end of the turn', async () => {
    const { engine, holder, turns, endTurn } = setup();
    const first = new FakeStream();
    const a = new FakeStream();
    const b = new FakeStream();
    const connFirst = fakeConnection(engine, first);
    const connA = fakeConnection(engine, a);
    const connB = fakeConnection(engine, b);
    connFirst.emit('flush');
    expect([first.corked, holder.holding, turns.length]).toEqual([0, 0, 1]);
    connA.emit('flush');
    connB.emit('flush');
    connA.emit('flush'); // a second flush in the same turn is already held: not corked twice
    expect([a.corked, b.corked, holder.holding, turns.length]).toEqual([1, 1, 2, 1]);
    endTurn();
    expect([a.corked, b.corked, a.uncorks, b.uncorks, first.uncorks, holder.holding]).toEqual([0, 0, 1, 1, 0, 0]);
    // The next turn holds again (once the ticks the release queued have run), after its first write.
    await new Promise((resolve) => setImmediate(resolve));
    connB.emit('flush');
    connA.emit('flush');
    expect([b.corked, a.corked, turns.length]).toEqual([0, 1, 1]);
  });

  it('lets a held connection go as soon as what it has waiting would reach HOLD_BYTES', () => {
    const { engine, holder } = setup();
    const big = new FakeStream();
    fakeConnection(engine, new FakeStream()).emit('flush');
    const conn = Object.assign(fakeConnection(engine, big), { writeBuffer: [{ data: 'x'.repeat(1000) }] });
    conn.emit('flush');
    big.writableLength = HOLD_BYTES - 2001;
    conn.emit('packetCreate', { data: 'x'.repeat(1000) });
    expect([big.corked, holder.holding]).toEqual([1, 1]);
    conn.emit('packetCreate', { data: 'x'.repeat(1001) });
    expect([big.corked, big.uncorks, holder.holding]).toEqual([0, 1, 0]);
  });

  it('does not hold what engine.io writes from the callbacks of the writes just let go', async () => {
    const { engine, endTurn } = setup();
    const a = new FakeStream();
    const opener = fakeConnection(engine, new FakeStream());
    const conn = fakeConnection(engine, a);
    opener.emit('flush');
    conn.emit('flush');
    expect(a.corked).toBe(1);
    // engine.io's next packets to the connection go out from the write's callback, in a tick queued by the uncork.
    a.uncork = function uncork(this: FakeStream) {
      this.corked--;
      this.uncorks++;
      process.nextTick(() => conn.emit('flush'));
    };
    endTurn();
    await new Promise((resolve) => process.nextTick(resolve));
    expect([a.corked, a.uncorks]).toEqual([0, 1]);
    // Once those ticks have run, writes are held again (after the turn's first).
    await new Promise((resolve) => setImmediate(resolve));
    opener.emit('flush');
    conn.emit('flush');
    expect(a.corked).toBe(1);
  });

  it('lets go of what it holds once a turn has held writes longer than the budget, and holds again', () => {
    const { engine, advance, endTurn } = setup(0.5);
    const a = new FakeStream();
    const b = new FakeStream();
    const connA = fakeConnection(engine, a);
    const connB = fakeConnection(engine, b);
    fakeConnection(engine, new FakeStream()).emit('flush');
    connA.emit('flush');
    expect(a.corked).toBe(1);
    advance(0.6);
    connB.emit('flush');
    expect([a.corked, a.uncorks, b.corked]).toEqual([0, 1, 1]);
    endTurn();
    expect([b.corked, b.uncorks]).toEqual([0, 1]);
  });

  it('passTurn (a class at work) lets what is held go and holds nothing for PASS_MS', async () => {
    const { engine, holder, advance, endTurn } = setup();
    const a = new FakeStream();
    const b = new FakeStream();
    const connA = fakeConnection(engine, a);
    const connB = fakeConnection(engine, b);
    fakeConnection(engine, new FakeStream()).emit('flush');
    connA.emit('flush');
    expect(a.corked).toBe(1);
    holder.passTurn();
    expect([a.corked, a.uncorks, holder.holding]).toEqual([0, 1, 0]);
    connB.emit('flush');
    expect(b.corked).toBe(0);
    endTurn();
    await new Promise((resolve) => setImmediate(resolve));
    // Still within PASS_MS of the class's work: the next turn holds nothing either.
    advance(PASS_MS - 1);
    fakeConnection(engine, new FakeStream()).emit('flush');
    connB.emit('flush');
    expect(b.corked).toBe(0);
    endTurn();
    await new Promise((resolve) => setImmediate(resolve));
    advance(2);
    fakeConnection(engine, new FakeStream()).emit('flush');
    connB.emit('flush');
    expect(b.corked).toBe(1);
  });

  it('leaves long-polling connections and destroyed streams alone', () => {
    const { engine, holder, turns } = setup();
    const polling = fakeConnection(engine);
    const gone = new FakeStream();
    gone.destroyed = true;
    const closed = fakeConnection(engine, gone);
    fakeConnection(engine, new FakeStream()).emit('flush');
    polling.emit('flush');
    closed.emit('flush');
    expect([gone.corked, holder.holding, turns.length]).toEqual([0, 0, 1]);
  });

  describe('on a real server', () => {
    const sockets: Socket[] = [];
    afterEach(() => sockets.splice(0).forEach((s) => s.disconnect()));

    it('sends the turn’s first packet at once, holds the next connection’s, sends it when the turn ends, in order', async () => {
      const server = await startServer();
      const open = async (userID: string) => {
        const socket = io(server.url, { transports: ['websocket'], forceNew: true, reconnection: false, auth: { userID, deviceID: `${userID}-raw` } });
        sockets.push(socket);
        const heard: number[] = [];
        socket.on('probe', (n: number) => heard.push(n));
        await new Promise<void>((resolve, reject) => (socket.once('connect', resolve), socket.once('connect_error', reject)));
        const [remote] = await server.io.in(`user:${userID}`).fetchSockets();
        const live = server.io.sockets.sockets.get(remote!.id)!;
        const stream = (live as unknown as { conn: { transport: { socket: { _socket: { writableLength: number } } } } }).conn.transport.socket._socket;
        return { heard, live, stream };
      };
      const u1 = await open('u1');
      const u2 = await open('u2');
      await new Promise((resolve) => setImmediate(resolve));

      u1.live.emit('probe', 1);
      expect(u1.stream.writableLength).toBe(0); // the turn's first write: in the kernel already
      u2.live.emit('probe', 2);
      expect(u2.stream.writableLength).toBeGreaterThan(0); // held: still in the stream's buffer
      u2.live.emit('probe', 3);
      u1.live.emit('probe', 4);
      await new Promise((resolve) => setImmediate(resolve));
      expect(u2.stream.writableLength).toBe(0);
      await until(() => u1.heard.length === 2 && u2.heard.length === 2, 5000, 'both devices hear their packets');
      expect(u1.heard).toEqual([1, 4]);
      expect(u2.heard).toEqual([2, 3]);
    });
  });
});
