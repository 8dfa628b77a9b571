/**
 * The browser side of the Accept → first-audio bench (bundled by `mediaAccept.ts`): one page per
 * person, each with a ringkit client using `ringkit/media`, and — for the baseline — a bare
 * socket.io relay socket with two hand-written RTCPeerConnections (getUserMedia, offer/answer,
 * trickled candidates). Everything a page measures is `Date.now()` on the same machine.
 */
import { io, type Socket } from 'socket.io-client';
import { createSignalingClient, type SignalingClient } from '../src/index.js';
import { createCallMedia, type CallMedia } from '../src/media/index.js';

/** Resolves with the time the first RTP packet of the remote audio track arrived (the track unmutes). */
function unmuted(track: MediaStreamTrack): Promise<number> {
  if (!track.muted) return Promise.resolve(Date.now());
  return new Promise((resolve) => track.addEventListener('unmute', () => resolve(Date.now()), { once: true }));
}

function firstRemoteAudio(media: CallMedia): Promise<number> {
  return new Promise((resolve) => {
    const check = () => {
      const track = media.getSnapshot().peers[0]?.stream?.getAudioTracks()[0];
      if (!track) return;
      off();
      void unmuted(track).then(resolve);
    };
    const off = media.subscribe(check);
    check();
  });
}

let client: SignalingClient;
let media: CallMedia | undefined;
let first: Promise<number> | undefined;

let socket: Socket;
let me = '';
let pc: RTCPeerConnection | undefined;
let stream: MediaStream | undefined;
let onRelay: (msg: Record<string, unknown>) => void = () => undefined;
let bareFirst: Promise<number> | undefined;

const bench = {
  async connect(ringkitUrl: string, bareUrl: string, userID: string) {
    me = userID;
    client = createSignalingClient({ url: ringkitUrl, userID });
    await client.connect();
    socket = io(bareUrl, { auth: { userID }, transports: ['websocket'] });
    socket.on('relay', (msg: Record<string, unknown>, ack?: (x: unknown) => void) => {
      ack?.(true);
      onRelay(msg);
    });
    await new Promise<void>((resolve) => (socket.connected ? resolve() : socket.once('connect', () => resolve())));
  },

  // ---- ringkit ----
  /** The caller: invites, and starts the call's media once the callee accepts (as the app's connected screen does). */
  async ringkitCall(callee: string): Promise<string> {
    const { inviteID } = await client.invite(callee, { mode: 'advanced', data: JSON.stringify({ roomID: 'bench' }) });
    first = new Promise((resolve) => {
      const off = client.on('inviteeAccepted', (e) => {
        if (e.inviteID !== inviteID) return;
        off();
        media = createCallMedia(client, inviteID, { iceServers: [] });
        void firstRemoteAudio(media).then(resolve);
      });
    });
    return inviteID;
  },
  /** The callee: accepts (t0), starts the media, and waits for the first remote audio packet. */
  async ringkitAnswer(inviteID: string): Promise<{ t0: number; first: number }> {
    while (!client.getInvitation(inviteID)) await new Promise((r) => setTimeout(r, 5));
    const t0 = Date.now();
    await client.accept(inviteID);
    media = createCallMedia(client, inviteID, { iceServers: [] });
    return { t0, first: await firstRemoteAudio(media) };
  },
  ringkitFirst: () => first!,
  async ringkitHangUp(inviteID: string) {
    media?.close();
    media = undefined;
    await client.end(inviteID).catch(() => undefined);
  },
  ringkitClose: () => media?.close(),

  // ---- baseline: bare relay + two RTCPeerConnections ----
  /** The caller: on the callee's "accept", captures, offers, and waits for the first remote audio packet. */
  bareCall(callee: string) {
    bareFirst = new Promise((resolve) => {
      const queue: Record<string, unknown>[] = [];
      let ready = false;
      const handle = async (msg: Record<string, unknown>) => {
        if (msg.type === 'answer') await pc!.setRemoteDescription(msg.description as RTCSessionDescriptionInit);
        else if (msg.type === 'candidate') await pc!.addIceCandidate(msg.candidate as RTCIceCandidateInit);
      };
      onRelay = (msg) => {
        if (msg.type === 'accept') void start();
        else if (ready) void handle(msg);
        else queue.push(msg);
      };
      const start = async () => {
        stream = await navigator.mediaDevices.getUserMedia({ audio: true });
        pc = new RTCPeerConnection({ iceServers: [] });
        pc.onicecandidate = (e) => e.candidate && send(callee, { type: 'candidate', candidate: e.candidate.toJSON() });
        pc.ontrack = (e) => void unmuted(e.track).then(resolve);
        pc.addTrack(stream.getAudioTracks()[0]!, stream);
        await pc.setLocalDescription();
        send(callee, { type: 'offer', description: pc.localDescription!.toJSON() });
        ready = true;
        for (const msg of queue.splice(0)) await handle(msg);
      };
    });
  },
  /** The callee: says accept (t0), captures, answers the offer, and waits for the first remote audio packet. */
  async bareAnswer(caller: string): Promise<{ t0: number; first: number }> {
    const t0 = Date.now();
    const firstPacket = new Promise<number>((resolve) => {
      const queue: Record<string, unknown>[] = [];
      let chain = Promise.resolve();
      const handle = async (msg: Record<string, unknown>) => {
        if (msg.type === 'offer') {
          await pc!.setRemoteDescription(msg.description as RTCSessionDescriptionInit);
          pc!.addTrack(stream!.getAudioTracks()[0]!, stream!);
          await pc!.setLocalDescription();
          send(caller, { type: 'answer', description: pc!.localDescription!.toJSON() });
        } else if (msg.type === 'candidate') await pc!.addIceCandidate(msg.candidate as RTCIceCandidateInit);
      };
      onRelay = (msg) => {
        if (pc) chain = chain.then(() => handle(msg));
        else queue.push(msg);
      };
      void (async () => {
        stream = await navigator.mediaDevices.getUserMedia({ audio: true });
        pc = new RTCPeerConnection({ iceServers: [] });
        pc.onicecandidate = (e) => e.candidate && send(caller, { type: 'candidate', candidate: e.candidate.toJSON() });
        pc.ontrack = (e) => void unmuted(e.track).then(resolve);
        for (const msg of queue.splice(0)) chain = chain.then(() => handle(msg));
      })();
    });
    send(caller, { type: 'accept' });
    return { t0, first: await firstPacket };
  },
  bareFirst: () => bareFirst!,
  bareHangUp() {
    pc?.close();
    pc = undefined;
    stream?.getTracks().forEach((t) => t.stop());
    stream = undefined;
  },
};

function send(to: string, payload: Record<string, unknown>) {
  socket.emit('relay', { to, from: me, ...payload }, () => undefined);
}

(window as unknown as { bench: typeof bench }).bench = bench;
