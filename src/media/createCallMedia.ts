import type { ConnectionStateChangedEvent } from '../protocol/events.js';
import type { Invitation } from '../protocol/types.js';
import { callMediaKind } from './callMediaKind.js';
import type { CallMedia, CallMediaClient, CallMediaError, CallMediaOptions, CallMediaSnapshot, CallMediaState, MediaDevices, RemotePeer } from './callMediaTypes.js';
import { captureTrack, deviceOf } from './captureTrack.js';
import { inCallHere } from './inCallHere.js';
import { listMediaDevices, NO_DEVICES } from './listMediaDevices.js';
import { clientSignalChannel, type ReceivedSignal } from './MediaSignalChannel.js';
import { PeerLink, type PeerLinkHost, type PeerLinkTimings } from './PeerLink.js';
import { RemoteAudio } from './RemoteAudio.js';
import { UNKNOWN_QUALITY, worstQuality } from './readQuality.js';
import { decodeSignal, type SignalMessage } from './signalMessage.js';

const DEFAULT_TIMINGS: PeerLinkTimings = { offerTimeoutMs: 6000, disconnectedRestartMs: 3000, connectTimeoutMs: 30_000, maxRestarts: 2 };
const MAX_BUFFERED = 64;

/**
 * Starts the media of the call `inviteID` and follows the invitation: once I am accepted in it on
 * this device, my microphone (and camera, for a video call) is captured and every other accepted
 * participant — up to `maxMeshPeers` — gets an RTCPeerConnection, negotiated through the server's
 * relay with perfect negotiation (the inviter is impolite; between two invitees the one whose
 * userID sorts first). When the call ends for any reason, I leave it, or this device loses it,
 * every track is stopped and every connection closed (a one-to-one call also as soon as the other
 * side declined, timed out, was cancelled or left, before anyone ends the invitation). After the
 * signaling socket comes back,
 * ICE restarts on every connection; a connection that fails is restarted up to twice, then shown
 * as `failed` (see `retry`).
 *
 * Works with calls made in advanced mode (`useCall`, or `invite(…, { mode: 'advanced' })`).
 * @example
 * const media = createCallMedia(client, inviteID, { iceServers: getTurnCredentials })
 * const off = media.subscribe(() => {
 *   const { localStream, peers } = media.getSnapshot()
 *   selfView.srcObject = localStream
 *   for (const peer of peers) videoOf(peer.userID).srcObject = peer.stream
 * })
 */
export function createCallMedia(client: CallMediaClient, inviteID: string, options: CallMediaOptions = {}): CallMedia {
  const timings: PeerLinkTimings = { ...DEFAULT_TIMINGS, ...options.timings };
  const maxMeshPeers = options.maxMeshPeers ?? 4;
  const channel = options.signals ?? clientSignalChannel(client, inviteID);
  const initial = client.getInvitation(inviteID);
  const kind: 'audio' | 'video' = options.kind ?? (initial ? callMediaKind(initial) : 'audio');

  const listeners = new Set<() => void>();
  const links = new Map<string, PeerLink>();
  /** Users who said `bye` (or whose link ended): not reconnected unless they open a new session. */
  const ended = new Map<string, string | undefined>();
  const buffered = new Map<string, SignalMessage[]>();
  const localStream = new MediaStream();
  let tracks: { audio: MediaStreamTrack | null; video: MediaStreamTrack | null } = { audio: null, video: null };
  let mic = !options.startMuted;
  let camera = kind === 'video' && !options.startCameraOff;
  let videoSent = kind === 'video';
  let phase: 'idle' | 'starting' | 'ready' | 'closed' = 'idle';
  let configuration: RTCConfiguration = { iceServers: [] };
  let error: CallMediaError | null = null;
  let devices: MediaDevices = NO_DEVICES;
  let microphoneID = options.microphoneID ?? null;
  let cameraID = options.cameraID ?? null;
  let speakerID: string | null = null;
  let overLimit: string[] = [];
  let restartsBeforeLinks = 0;
  let snapshot: CallMediaSnapshot | undefined;
  const isClosed = () => phase === 'closed';

  const changed = () => {
    snapshot = undefined;
    for (const listener of [...listeners]) listener();
  };
  const remoteAudio = new RemoteAudio(changed);

  const fetchIceServers = async (): Promise<RTCIceServer[] | undefined> =>
    typeof options.iceServers === 'function' ? await options.iceServers() : options.iceServers;

  const host: PeerLinkHost = {
    send: (to, signal) => void channel.send(to, signal).catch(() => undefined),
    localTrack: (k) => tracks[k],
    captured: () => captured,
    localStream,
    wantsVideo: () => videoSent,
    localState: () => ({ mic, camera }),
    refreshIceServers: fetchIceServers,
    playAudio: (userID, track) => {
      if (options.playAudio !== false && !isClosed()) remoteAudio.play(userID, track);
    },
    changed,
  };

  // ---- capture ----

  const capture = async (k: 'audio' | 'video'): Promise<MediaStreamTrack | null> => {
    const result = await captureTrack(k, k === 'audio' ? microphoneID : cameraID);
    if (result.error) {
      // The microphone's problem matters more than the camera's: keep it when both fail.
      if (!(k === 'video' && error?.device === 'microphone')) error = result.error;
      return null;
    }
    if (isClosed()) {
      result.track?.stop();
      return null;
    }
    if (error?.device === deviceOf(k)) error = null;
    return result.track;
  };

  const putLocal = (k: 'audio' | 'video', track: MediaStreamTrack | null) => {
    const old = tracks[k];
    if (old && old !== track) {
      localStream.removeTrack(old);
      old.stop();
    }
    tracks = { ...tracks, [k]: track };
    if (track) {
      if (k === 'audio') track.enabled = mic;
      localStream.addTrack(track);
      const settings = track.getSettings();
      if (k === 'audio') microphoneID = settings.deviceId ?? microphoneID;
      else cameraID = settings.deviceId ?? cameraID;
    }
  };

  const refreshDevices = async () => {
    const listed = await listMediaDevices();
    if (isClosed()) return;
    devices = listed;
    changed();
  };

  // ---- following the invitation ----

  /** Resolves once the capture is done (or failed): tracks are added to a connection only then. */
  let captured: Promise<void> = Promise.resolve();
  let capturing = false;

  // The connections start (hello, and for the callee the offer's transceivers) while the devices
  // are still opening: a peer waits for the capture only where it needs the tracks.
  const start = async () => {
    phase = 'starting';
    capturing = true;
    changed();
    captured = Promise.all([capture('audio'), camera ? capture('video') : Promise.resolve(null)]).then(([audio, video]) => {
      capturing = false;
      if (isClosed()) {
        audio?.stop();
        video?.stop();
        return;
      }
      putLocal('audio', audio);
      putLocal('video', video);
      if (camera && !video) camera = false;
      // The others were told my state when we met, maybe before the devices opened.
      for (const link of links.values()) link.sendState();
      void refreshDevices();
      changed();
    });
    const iceServers = await fetchIceServers().catch(() => undefined);
    if (isClosed()) return;
    configuration = { iceServers: iceServers ?? [] };
    phase = 'ready';
    sync();
    changed();
  };

  const politeTowards = (invitation: Invitation, peer: string) => {
    const me = client.userID;
    if (me === invitation.inviter) return false;
    if (peer === invitation.inviter) return true;
    return me > peer;
  };

  const openLink = (invitation: Invitation, userID: string): PeerLink => {
    const link = new PeerLink(userID, politeTowards(invitation, userID), configuration, host, timings);
    links.set(userID, link);
    ended.delete(userID);
    link.start();
    for (const message of buffered.get(userID)?.splice(0) ?? []) void link.receive(message);
    buffered.delete(userID);
    return link;
  };

  const sync = () => {
    if (isClosed()) return;
    const invitation = client.getInvitation(inviteID);
    const here = inCallHere(invitation, client.userID, client.deviceID);
    if (here === 'no') return close();
    if (here === 'not yet' || !invitation) return;
    if (phase === 'idle') return void start();
    if (phase !== 'ready') return;
    // The mesh is the first maxMeshPeers + 1 participants to accept, the same set on every side
    // (so no connection waits for a side that does not connect back); later ones are over the limit.
    const accepted = invitation.users
      .filter((u) => u.state === 'accepted')
      .sort((a, b) => a.updateTime - b.updateTime || (a.userID < b.userID ? -1 : 1));
    const mesh = accepted.slice(0, maxMeshPeers + 1);
    const meshed = mesh.some((u) => u.userID === client.userID) ? mesh.filter((u) => u.userID !== client.userID) : [];
    overLimit = accepted.slice(maxMeshPeers + 1).map((u) => u.userID);
    const wanted = new Map(meshed.map((u) => [u.userID, u]));
    for (const [userID, link] of links) {
      if (!wanted.has(userID)) {
        link.close(true);
        remoteAudio.stop(userID);
        links.delete(userID);
        ended.delete(userID);
      }
    }
    for (const userID of wanted.keys()) if (!links.has(userID) && !ended.has(userID)) openLink(invitation, userID);
    changed();
  };

  const onSignal = ({ from, signal }: ReceivedSignal) => {
    if (isClosed()) return;
    const message = decodeSignal(signal);
    if (!message) return;
    const link = links.get(from);
    const invitation = client.getInvitation(inviteID);
    if (link && !link.closed) {
      if (link.verdict(message) === 'reset' && invitation) {
        // The other side started a new session (its page reloaded, or it rebuilt the connection).
        link.close(false);
        void openLink(invitation, from).receive(message);
        return;
      }
      void link.receive(message);
      return;
    }
    const opens = message.type === 'hello' || (message.type === 'description' && message.description.type === 'offer');
    if (link?.closed && opens && message.sid !== ended.get(from) && message.sid !== link.remoteSid && invitation && phase === 'ready') {
      // Back after a bye: a new session.
      links.delete(from);
      void openLink(invitation, from).receive(message);
      return;
    }
    if (link?.closed) return;
    // Not a peer yet (my mirror has not seen them accept, or I am still starting): keep it for later.
    const queue = buffered.get(from) ?? [];
    if (queue.length < MAX_BUFFERED) queue.push(message);
    buffered.set(from, queue);
  };

  const onConnection = (event: ConnectionStateChangedEvent) => {
    if (event.state === 'disconnected') return close();
    if (event.state === 'connected' && event.previous === 'reconnecting') {
      // Signals may have been lost while the socket was down: restart ICE on every connection.
      for (const link of links.values()) void link.afterReconnect();
      if (links.size === 0) restartsBeforeLinks++;
    }
    changed();
  };

  const onPageHide = (event: PageTransitionEvent) => {
    if (!event.persisted) close();
  };

  const unsubscribe = [
    channel.subscribe(onSignal),
    client.on('invitationUpdated', (event) => event.inviteID === inviteID && sync()),
    client.on('connectionStateChanged', onConnection),
  ];
  if (typeof window !== 'undefined') window.addEventListener('pagehide', onPageHide);
  const onDeviceChange = () => void refreshDevices();
  if (typeof navigator !== 'undefined') navigator.mediaDevices?.addEventListener?.('devicechange', onDeviceChange);

  const statsTimer = setInterval(() => {
    const live = [...links.values()].filter((l) => !l.closed);
    if (live.length === 0) return;
    void Promise.all(live.map((l) => l.sampleQuality())).then(changed);
  }, options.statsIntervalMs ?? 2000);

  function close() {
    if (isClosed()) return;
    phase = 'closed';
    clearInterval(statsTimer);
    for (const off of unsubscribe) off();
    if (typeof window !== 'undefined') window.removeEventListener('pagehide', onPageHide);
    if (typeof navigator !== 'undefined') navigator.mediaDevices?.removeEventListener?.('devicechange', onDeviceChange);
    for (const link of links.values()) link.close(true);
    remoteAudio.stopAll();
    for (const track of localStream.getTracks()) {
      track.stop();
      localStream.removeTrack(track);
    }
    tracks.audio?.stop();
    tracks.video?.stop();
    tracks = { audio: null, video: null };
    buffered.clear();
    changed();
  }

  const setTrackEverywhere = (k: 'audio' | 'video', track: MediaStreamTrack | null) =>
    Promise.all([...links.values()].map((link) => link.setTrack(k, track)));

  /** Captures `k` again from the device now chosen and sends it in place of the old track (kept if the capture fails). */
  const recapture = async (k: 'audio' | 'video') => {
    const track = await capture(k);
    if (isClosed()) return void track?.stop();
    if (track) {
      putLocal(k, track);
      await setTrackEverywhere(k, track);
    }
    changed();
  };

  const state = (): CallMediaState => {
    if (isClosed()) return 'closed';
    if (phase === 'idle') return 'idle';
    const live = [...links.values()].filter((l) => !l.closed);
    if (phase === 'starting' || capturing || live.length === 0) return 'connecting';
    if (live.some((l) => l.state === 'reconnecting')) return 'reconnecting';
    if (live.every((l) => l.state === 'failed')) return 'failed';
    if (live.every((l) => l.state === 'connected' || l.state === 'failed')) return 'connected';
    return 'connecting';
  };

  const media: CallMedia = {
    getSnapshot() {
      if (snapshot) return snapshot;
      const live = [...links.values()].filter((l) => !l.closed);
      const peers = live.map(
        (l): RemotePeer => ({ userID: l.userID, state: l.state, stream: l.stream, mic: l.remote.mic, camera: l.remote.camera, quality: l.quality }),
      );
      snapshot = {
        state: state(),
        kind,
        localStream: phase === 'ready' && !capturing ? localStream : null,
        mic,
        camera,
        peers,
        overLimit,
        quality: peers.length ? worstQuality(peers.map((p) => p.quality)) : UNKNOWN_QUALITY,
        error,
        devices,
        microphoneID,
        cameraID,
        speakerID,
        canSelectSpeaker: remoteAudio.canSelectSpeaker,
        audioBlocked: remoteAudio.blocked,
        signaling: client.connectionState,
        iceRestarts: restartsBeforeLinks + [...links.values()].reduce((n, l) => n + l.iceRestarts, 0),
      };
      return snapshot;
    },
    subscribe(listener) {
      listeners.add(listener);
      return () => listeners.delete(listener);
    },
    setMic(on) {
      if (isClosed()) return;
      mic = on;
      if (tracks.audio) tracks.audio.enabled = on;
      for (const link of links.values()) link.sendState();
      changed();
    },
    async setCamera(on) {
      if (isClosed() || on === camera) return;
      camera = on;
      changed();
      if (on) {
        const track = await capture('video');
        if (isClosed() || !camera) return void track?.stop();
        if (!track) {
          camera = false;
          return changed();
        }
        putLocal('video', track);
        videoSent = true;
        await setTrackEverywhere('video', track);
      } else {
        putLocal('video', null);
        await setTrackEverywhere('video', null);
      }
      for (const link of links.values()) link.sendState();
      changed();
    },
    async selectMicrophone(deviceID) {
      if (isClosed()) return;
      microphoneID = deviceID;
      if (phase !== 'ready') return changed();
      await recapture('audio');
    },
    async selectCamera(deviceID) {
      if (isClosed()) return;
      cameraID = deviceID;
      if (phase !== 'ready' || !camera) return changed();
      await recapture('video');
    },
    async selectSpeaker(deviceID) {
      speakerID = deviceID;
      changed();
      await remoteAudio.setSpeaker(deviceID);
    },
    async resumeAudio() {
      await remoteAudio.resume();
    },
    retry() {
      for (const link of links.values()) if (link.state === 'failed') void link.retry();
      changed();
    },
    close,
    peerConnections: () => [...links.values()].filter((l) => !l.closed).map((l) => l.pc),
  };

  sync();
  return media;
}
