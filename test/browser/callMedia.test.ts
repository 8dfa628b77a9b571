import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { userEvent } from 'vitest/browser';
import { createLoopbackTransport, createSignalingClient, type SignalingClient } from '../../src/index.js';
import { createLoopbackServer, createMemoryGroupDirectory, createMemoryStorage } from '../../src/engine/index.js';
import { createCallMedia, createMemorySignalHub, type CallMedia, type MemorySignalHub } from '../../src/media/index.js';
import { eventually, flows } from './support/mediaStats.js';

// Two (or three) participants in one Chromium page: the real engine in the page decides the
// invitation and relays the media signals (the in-page loopback transport; one test uses an
// in-memory hub it can cut), and real RTCPeerConnections connect over loopback with the fake
// microphone and camera (vite.config.ts).

// The project requires a user gesture for sound (vite.config.ts), as a browser does for a page
// the user has not touched: a real click first, as the user who clicks Call or Accept gives.
const click = async (onClick: () => void = () => undefined) => {
  const button = document.body.appendChild(document.createElement('button'));
  button.textContent = 'Click';
  button.onclick = onClick;
  await userEvent.click(button);
  button.remove();
};
beforeEach(() => click());

/** When the browser blocked the call's sound, a click on "hear the call" (resumeAudio) starts it. */
async function hear(media: CallMedia) {
  if (media.getSnapshot().audioBlocked) await click(() => void media.resumeAudio());
  await eventually(() => expect(media.getSnapshot().audioBlocked).toBe(false));
}

let cleanup: (() => void)[] = [];
afterEach(() => {
  for (const fn of cleanup.splice(0).reverse()) fn();
});

async function people(userIDs: string[]) {
  const server = createLoopbackServer({ storage: createMemoryStorage(), groups: createMemoryGroupDirectory() });
  const clients: SignalingClient[] = userIDs.map((userID) => createSignalingClient({ transport: createLoopbackTransport(server, { userID }), userID }));
  await Promise.all(clients.map((c) => c.connect()));
  cleanup.push(() => {
    clients.forEach((c) => c.disconnect());
    server.close();
  });
  return clients;
}

function mediaFor(client: SignalingClient, inviteID: string, hub?: MemorySignalHub, options: Parameters<typeof createCallMedia>[2] = {}): CallMedia {
  const media = createCallMedia(client, inviteID, { ...(hub && { signals: hub.channel(client.userID) }), statsIntervalMs: 500, ...options });
  cleanup.push(() => media.close());
  return media;
}

const liveCapture = (media: CallMedia) => media.getSnapshot().localStream?.getTracks().filter((t) => t.readyState === 'live') ?? [];

describe('createCallMedia in Chromium (two peers in one page, in-memory signals)', () => {
  it('an audio call: both sides connect once the callee accepts, audio flows both ways, closing stops every track and connection', async () => {
    const [alice, bob] = await people(['alice', 'bob']);
    const { inviteID } = await alice!.invite('bob', { mode: 'advanced', data: JSON.stringify({ roomID: 'r1' }) });
    const a = mediaFor(alice!, inviteID);
    await eventually(() => expect(a.getSnapshot().state).toBe('connecting'));
    await bob!.accept(inviteID);
    const b = mediaFor(bob!, inviteID);
    await eventually(() => {
      expect(a.getSnapshot().state).toBe('connected');
      expect(b.getSnapshot().state).toBe('connected');
    });
    expect(a.getSnapshot().kind).toBe('audio');
    const [pa] = a.peerConnections();
    const [pb] = b.peerConnections();
    await hear(a);
    await hear(b);
    await eventually(async () => expect(await flows(pa!, 'audio')).toBe(true));
    await eventually(async () => expect(await flows(pb!, 'audio')).toBe(true));
    await eventually(() => expect(a.getSnapshot().quality.roundTripTimeMs).not.toBeNull());

    await alice!.end(inviteID);
    await eventually(() => {
      expect(a.getSnapshot().state).toBe('closed');
      expect(b.getSnapshot().state).toBe('closed');
    });
    expect([pa!.connectionState, pb!.connectionState]).toEqual(['closed', 'closed']);
    expect(liveCapture(a)).toEqual([]);
    expect(liveCapture(b)).toEqual([]);
  });

  it('a video call: frames are decoded on both sides; the microphone mutes and the camera turns off and on, and the other side is told', async () => {
    const [alice, bob] = await people(['alice', 'bob']);
    const { inviteID } = await alice!.invite('bob', { mode: 'advanced', data: JSON.stringify({ roomID: 'r2', video: true }) });
    await bob!.accept(inviteID);
    const a = mediaFor(alice!, inviteID);
    const b = mediaFor(bob!, inviteID);
    await eventually(() => expect([a.getSnapshot().state, b.getSnapshot().state]).toEqual(['connected', 'connected']));
    expect(a.getSnapshot().kind).toBe('video');
    await eventually(async () => expect(await flows(a.peerConnections()[0]!, 'video')).toBe(true));
    await eventually(async () => expect(await flows(b.peerConnections()[0]!, 'video')).toBe(true));

    a.setMic(false);
    await eventually(() => expect(b.getSnapshot().peers[0]).toMatchObject({ userID: 'alice', mic: false, camera: true }));
    await a.setCamera(false);
    await eventually(() => expect(b.getSnapshot().peers[0]).toMatchObject({ mic: false, camera: false }));
    expect(a.getSnapshot().localStream!.getVideoTracks()).toEqual([]);
    await a.setCamera(true);
    await eventually(() => expect(b.getSnapshot().peers[0]).toMatchObject({ camera: true }));
    await eventually(async () => expect(await flows(b.peerConnections()[0]!, 'video')).toBe(true));
  });

  it('choosing a microphone or a camera captures it anew: the old track stops, the new one is sent on every connection and video still flows', async () => {
    const [alice, bob] = await people(['alice', 'bob']);
    const { inviteID } = await alice!.invite('bob', { mode: 'advanced', data: JSON.stringify({ roomID: 'r2b', video: true }) });
    await bob!.accept(inviteID);
    const a = mediaFor(alice!, inviteID);
    mediaFor(bob!, inviteID);
    await eventually(() => expect(a.getSnapshot().state).toBe('connected'));
    await eventually(() => expect(a.getSnapshot().devices.microphones.length * a.getSnapshot().devices.cameras.length).toBeGreaterThan(0));
    const { devices } = a.getSnapshot();
    const sent = (kind: 'audio' | 'video') => a.peerConnections()[0]!.getSenders().find((s) => s.track?.kind === kind)?.track;

    for (const [kind, select, deviceID] of [
      ['audio', a.selectMicrophone, devices.microphones[0]!.deviceId],
      ['video', a.selectCamera, devices.cameras[0]!.deviceId],
    ] as const) {
      const old = sent(kind)!;
      await select(deviceID);
      const now = sent(kind)!;
      expect(now).not.toBe(old);
      expect([old.readyState, now.readyState]).toEqual(['ended', 'live']);
      expect(a.getSnapshot().localStream!.getTracks()).toContain(now);
    }
    await eventually(async () => expect(await flows(a.peerConnections()[0]!, 'video')).toBe(true));
  });

  it('glare: in an audio call both turn their camera on at once; negotiation settles and video flows both ways', async () => {
    const [alice, bob] = await people(['alice', 'bob']);
    const { inviteID } = await alice!.invite('bob', { mode: 'advanced', data: JSON.stringify({ roomID: 'r3' }) });
    await bob!.accept(inviteID);
    const a = mediaFor(alice!, inviteID);
    const b = mediaFor(bob!, inviteID);
    await eventually(() => expect([a.getSnapshot().state, b.getSnapshot().state]).toEqual(['connected', 'connected']));
    await Promise.all([a.setCamera(true), b.setCamera(true)]);
    const [pa, pb] = [a.peerConnections()[0]!, b.peerConnections()[0]!];
    await eventually(() => expect([pa.signalingState, pb.signalingState]).toEqual(['stable', 'stable']));
    await eventually(async () => expect(await flows(pa, 'video')).toBe(true));
    await eventually(async () => expect(await flows(pb, 'video')).toBe(true));
    await hear(a);
    await eventually(async () => expect(await flows(pa, 'audio')).toBe(true));
  });

  it('signals lost while one side is cut off: after its reconnect ICE restarts and audio flows again', async () => {
    const [alice, bob] = await people(['alice', 'bob']);
    const hub = createMemorySignalHub();
    const { inviteID } = await alice!.invite('bob', { mode: 'advanced', data: JSON.stringify({ roomID: 'r4' }) });
    await bob!.accept(inviteID);
    const a = mediaFor(alice!, inviteID, hub);
    const b = mediaFor(bob!, inviteID, hub);
    await eventually(() => expect([a.getSnapshot().state, b.getSnapshot().state]).toEqual(['connected', 'connected']));
    const pb = b.peerConnections()[0]!;
    const ufrag = () => /a=ice-ufrag:(\S+)/.exec(pb.localDescription?.sdp ?? '')?.[1];
    const before = ufrag();
    // Bob's link is cut: his camera change (a renegotiation) is lost on the way...
    hub.pause('bob');
    void b.setCamera(true);
    await new Promise((r) => setTimeout(r, 300));
    hub.resume('bob');
    // ...and his client reports the socket back, as a reconnecting SignalingClient does.
    (bob as unknown as { emitter: { emit(n: string, e: unknown): void } }).emitter.emit('connectionStateChanged', { state: 'connected', previous: 'reconnecting' });
    await eventually(() => expect(ufrag()).not.toBe(before));
    await eventually(() => expect(pb.signalingState).toBe('stable'));
    expect(b.getSnapshot().iceRestarts).toBeGreaterThan(0);
    const pa = a.peerConnections()[0]!;
    await eventually(async () => expect(await flows(pa, 'video')).toBe(true));
    await hear(b);
    await eventually(async () => expect(await flows(pb, 'audio')).toBe(true));
  });

  it('a group call of three is a full mesh; when carol quits, her media stops and the others keep theirs', async () => {
    const [alice, bob, carol] = await people(['alice', 'bob', 'carol']);
    const { inviteID } = await alice!.invite(['bob', 'carol'], { mode: 'advanced', data: JSON.stringify({ roomID: 'g1' }) });
    await bob!.accept(inviteID);
    await carol!.accept(inviteID);
    const [a, b, c] = [mediaFor(alice!, inviteID), mediaFor(bob!, inviteID), mediaFor(carol!, inviteID)];
    const connectedTo = (m: CallMedia) => m.getSnapshot().peers.filter((p) => p.state === 'connected').map((p) => p.userID).sort();
    await eventually(() => {
      expect(connectedTo(a)).toEqual(['bob', 'carol']);
      expect(connectedTo(b)).toEqual(['alice', 'carol']);
      expect(connectedTo(c)).toEqual(['alice', 'bob']);
    });
    await hear(c);
    for (const pc of c.peerConnections()) await eventually(async () => expect(await flows(pc, 'audio')).toBe(true));

    await carol!.quit(inviteID);
    await eventually(() => expect(c.getSnapshot().state).toBe('closed'));
    await eventually(() => expect(b.getSnapshot().peers.map((p) => p.userID)).toEqual(['alice']));
    expect(liveCapture(c)).toEqual([]);
    expect(b.getSnapshot().state).toBe('connected');
  });

  it('over maxMeshPeers: the first to accept form the mesh, the later one connects to nobody and is listed', async () => {
    const [alice, bob, carol] = await people(['alice', 'bob', 'carol']);
    const { inviteID } = await alice!.invite(['bob', 'carol'], { mode: 'advanced', data: JSON.stringify({ roomID: 'g2' }) });
    await bob!.accept(inviteID);
    await carol!.accept(inviteID);
    const [a, b, c] = [alice!, bob!, carol!].map((client) => mediaFor(client, inviteID, undefined, { maxMeshPeers: 1 }));
    await eventually(() => {
      expect(a!.getSnapshot().peers.map((p) => [p.userID, p.state])).toEqual([['bob', 'connected']]);
      expect(b!.getSnapshot().peers.map((p) => [p.userID, p.state])).toEqual([['alice', 'connected']]);
    });
    expect(c!.getSnapshot().peers).toEqual([]);
    expect(c!.getSnapshot().overLimit).toEqual(['carol']);
    expect(a!.getSnapshot().overLimit).toEqual(['carol']);
  });

  it('a message of an earlier session is dropped; cancelling before the callee answers stops the caller’s capture (the invitation still open)', async () => {
    const [alice, bob] = await people(['alice', 'bob']);
    const { inviteID } = await alice!.invite('bob', { mode: 'advanced', data: JSON.stringify({ roomID: 'r5' }) });
    const a = mediaFor(alice!, inviteID);
    await eventually(() => expect(liveCapture(a).length).toBe(1));
    await bob!.sendMediaSignal(inviteID, 'alice', JSON.stringify({ v: 'rk-media/1', sid: 'old', seq: 1, type: 'candidate', candidate: null })).catch(() => undefined);
    expect(a.getSnapshot().state).toBe('connecting');
    await alice!.cancel(inviteID);
    await eventually(() => expect(a.getSnapshot().state).toBe('closed'));
    expect(alice!.getInvitation(inviteID)?.state).toBe('active');
    expect(liveCapture(a)).toEqual([]);
  });

  it('the callee does not answer in time: the caller’s capture stops', async () => {
    const [alice] = await people(['alice', 'bob']);
    const { inviteID } = await alice!.invite('bob', { mode: 'advanced', timeout: 1, data: JSON.stringify({ roomID: 'r6', video: true }) });
    const a = mediaFor(alice!, inviteID);
    await eventually(() => expect(liveCapture(a).length).toBe(2));
    await eventually(() => expect(a.getSnapshot().state).toBe('closed'), 10_000);
    expect(alice!.getInvitation(inviteID)?.users.find((u) => u.userID === 'bob')?.state).toBe('timeout');
    expect(liveCapture(a)).toEqual([]);
    expect(a.peerConnections()).toEqual([]);
  });
});
