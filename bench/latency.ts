import type { Socket } from 'socket.io-client';
import WebSocket from 'ws';
import type { SignalingClient } from 'ringkit';
import { connectBare, connectRingkit, closeAll } from './clients.js';
import { sleep } from './stats.js';

/** One measured sample of each kind, taken interleaved. */
export interface LatencySamples {
  wsEcho: number[];
  bareRelay: number[];
  inviteToRing: number[];
  inviteToAccepted: number[];
  /** A → B → A through two ringkit media signals in an answered call (four hops, like the bare relay). */
  mediaSignalRoundTrip: number[];
}

/** A raw `ws` round trip. */
export async function openWsEcho(url: string) {
  const ws = new WebSocket(url);
  await new Promise((r, j) => (ws.once('open', r), ws.once('error', j)));
  return {
    async sample(): Promise<number> {
      const t = performance.now();
      const echoed = new Promise((r) => ws.once('message', r));
      ws.send('x');
      await echoed;
      return performance.now() - t;
    },
    close: () => ws.close(),
  };
}

/** A → server → B → ack → server → A over bare socket.io: four hops. */
export async function openBareRelay(url: string, prefix: string) {
  const [a, b] = await connectBare(url, [`${prefix}a`, `${prefix}b`]);
  b!.on('relay', (msg: unknown, ack: (x: unknown) => void) => ack(msg));
  return {
    async sample(): Promise<number> {
      const t = performance.now();
      await a!.emitWithAck('relay', { to: `${prefix}b` });
      return performance.now() - t;
    },
    sockets: [a!, b!] as Socket[],
    close: () => closeAll([a!, b!]),
  };
}

/**
 * A one-to-one ringkit cycle: the inviter invites, the invitee accepts as soon as it rings, the
 * inviter hears `inviteeAccepted`. Returns invite→ring (two hops) and invite→inviteeAccepted.
 */
export async function openRingkitPair(inviterURL: string, inviteeURL: string, inviterID: string, inviteeID: string, answer: 'accept' | 'reject' = 'accept') {
  const [inviter] = await connectRingkit(inviterURL, [inviterID]);
  const [invitee] = await connectRingkit(inviteeURL, [inviteeID]);
  // The ring is timed when the event reaches the app, before the app's own handler (the auto-answer
  // below, which sends the accept) runs: its work is the app's, not the ring's delivery.
  let rangAt = 0;
  let onRing: (() => void) | undefined;
  invitee!.on('invitationReceived', () => ((rangAt = performance.now()), onRing?.()));
  invitee!.on('invitationReceived', (e) => void invitee![answer](e.inviteID).catch(() => undefined));
  return {
    inviter: inviter!,
    invitee: invitee!,
    async sample(): Promise<{ ring: number; answered: number }> {
      const t = performance.now();
      let ring = 0;
      const rang = new Promise<void>((r) => {
        onRing = () => ((ring = rangAt - t), (onRing = undefined), r());
      });
      const event = answer === 'accept' ? 'inviteeAccepted' : 'inviteeRejected';
      const answered = new Promise<number>((r) => {
        const off = inviter!.on(event, () => (off(), r(performance.now() - t)));
      });
      await inviter!.invite(inviteeID, { timeout: 60 });
      await rang;
      return { ring, answered: await answered };
    },
    close: () => closeAll([inviter!, invitee!] as SignalingClient[]),
  };
}

/**
 * Two users in an answered advanced call; B sends every media signal it gets straight back, so a
 * sample is A → server → B → server → A, the same four hops as the bare relay, each message
 * checked against the call on the server.
 */
export async function openMediaSignalPair(url: string, prefix: string) {
  const [a, b] = (await connectRingkit(url, [`${prefix}a`, `${prefix}b`])) as [SignalingClient, SignalingClient];
  const { inviteID } = await a.invite(b.userID, { mode: 'advanced', timeout: 60 });
  await b.accept(inviteID);
  b.on('mediaSignal', (e) => void b.sendMediaSignal(e.inviteID, e.from, e.signal));
  let n = 0;
  return {
    async sample(): Promise<number> {
      const signal = `{"candidate":"${++n}"}`;
      const t = performance.now();
      const back = new Promise<number>((r) => {
        const off = a.on('mediaSignal', (e) => e.signal === signal && (off(), r(performance.now() - t)));
      });
      await a.sendMediaSignal(inviteID, b.userID, signal);
      return back;
    },
    close: () => closeAll([a, b]),
  };
}

/**
 * Interleaves `rounds` samples of a raw ws echo, a bare socket.io relay and a ringkit 1v1 cycle.
 * @example const s = await measureLatency({ ws, bare, ringkit }, 300)
 */
export async function measureLatency(urls: { ws: string; bare: string; ringkit: string }, rounds: number): Promise<LatencySamples> {
  const ws = await openWsEcho(urls.ws);
  const relay = await openBareRelay(urls.bare, 'lat-');
  const pair = await openRingkitPair(urls.ringkit, urls.ringkit, 'lat-alice', 'lat-bob');
  const media = await openMediaSignalPair(urls.ringkit, 'lat-media-');
  const out: LatencySamples = { wsEcho: [], bareRelay: [], inviteToRing: [], inviteToAccepted: [], mediaSignalRoundTrip: [] };
  for (let i = 0; i < rounds + 10; i++) {
    const w = await ws.sample();
    const b = await relay.sample();
    const r = await pair.sample();
    const m = await media.sample();
    await sleep(1);
    if (i < 10) continue; // warm-up
    out.wsEcho.push(w);
    out.bareRelay.push(b);
    out.inviteToRing.push(r.ring);
    out.inviteToAccepted.push(r.answered);
    out.mediaSignalRoundTrip.push(m);
  }
  ws.close();
  relay.close();
  pair.close();
  media.close();
  return out;
}
