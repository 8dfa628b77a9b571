import type { ClientEventMap, ConnectionStateChangedEvent } from '../protocol/events.js';
import type { ConnectionState } from '../protocol/events.js';
import type { Invitation } from '../protocol/types.js';
import { callMediaKind } from './callMediaKind.js';
import { clientSignalChannel, type MediaSignalChannel, type MediaSignalRelay, type ReceivedSignal } from './MediaSignalChannel.js';
import { PeerLink, type PeerLinkHost, type PeerLinkTimings, type PeerState } from './PeerLink.js';
import { UNKNOWN_QUALITY, worstQuality, type CallQuality } from './readQuality.js';
import { decodeSignal, type SignalMessage } from './signalMessage.js';

/**
 * What `createCallMedia` needs of the ringkit client (a `SignalingClient` has it all).
 * @example const client: CallMediaClient = createSignalingClient({ url, token })
 */
export interface CallMediaClient extends MediaSignalRelay {
  readonly userID: string;
  readonly deviceID: string;
  readonly connectionState: ConnectionState;
  getInvitation(inviteID: string): Invitation | undefined;
  on<K extends 'invitationUpdated' | 'connectionStateChanged' | 'mediaSignal'>(name: K, handler: (event: ClientEventMap[K]) => void): () => void;
}

/**
 * ICE servers: a list, or a function that fetches them (e.g. short-lived TURN credentials from
 * your server); the function is called when the call starts and again before an ICE restart
 * after a failure.
 * @example const ice: IceServersOption = async () => (await fetch('/turn-credentials')).json()
 */
export type IceServersOption = RTCIceServer[] | (() => Promise<RTCIceServer[]>);

/**
 * Options of `createCallMedia`.
 * @example createCallMedia(client, inviteID, { iceServers: [{ urls: 'stun:stun.example.com' }], maxMeshPeers: 4 })
 */
export interface CallMediaOptions {
  /** STUN/TURN servers (default: none, i.e. host candidates only — enough on one network). */
  iceServers?: IceServersOption;
  /**
   * A full mesh of at most this many other participants (default 4): the first `maxMeshPeers + 1`
   * to accept connect to each other; later ones are listed in `overLimit` and not connected. Use
   * the same value on every side.
   */
  maxMeshPeers?: number;
  /** Audio or video; default from the invitation's data (`callMediaKind`). */
  kind?: 'audio' | 'video';
  /** Where signals travel; default the ringkit server's relay (`client.sendMediaSignal` and its `mediaSignal` event). */
  signals?: MediaSignalChannel;
  /** Devices to start with (ids from `devices`). */
  microphoneID?: string;
  cameraID?: string;
  /** Start with the microphone muted / the camera off. */
  startMuted?: boolean;
  startCameraOff?: boolean;
  /**
   * Play the other participants' audio (default true): one detached `<audio>` element per
   * participant, on the speaker chosen with `selectSpeaker`. Show video in muted elements.
   */
  playAudio?: boolean;
  /** Milliseconds between quality samples (getStats); default 2000. */
  statsIntervalMs?: number;
  /** Negotiation and recovery timings (milliseconds). */
  timings?: Partial<PeerLinkTimings>;
}

/**
 * The state of the call's media as a whole.
 * - `idle`: I am not (yet) in the call on this device (e.g. still ringing);
 * - `connecting`: capturing, negotiating, or waiting for others;
 * - `connected`: media flows with every participant that has not failed;
 * - `reconnecting`: a connection that worked is being restored (ICE restart);
 * - `failed`: no participant could be reached (see `retry`);
 * - `closed`: hung up, or the call ended: every track is stopped and every connection closed.
 * @example if (media.getSnapshot().state === 'failed') showRetry()
 */
export type CallMediaState = 'idle' | 'connecting' | 'connected' | 'reconnecting' | 'failed' | 'closed';

/**
 * A problem with my own camera or microphone (the call goes on, receiving only).
 * `MEDIA_DENIED`: the user or the browser refused access; `NO_DEVICE`: none is plugged in;
 * `MEDIA_FAILED`: the device could not start (e.g. used by another app).
 * @example if (snapshot.error?.code === 'MEDIA_DENIED') explainPermissions()
 */
export interface CallMediaError {
  code: 'MEDIA_DENIED' | 'NO_DEVICE' | 'MEDIA_FAILED';
  /** Which device: `microphone` or `camera`. */
  device: 'microphone' | 'camera';
  message: string;
}

/**
 * One other participant as the media layer sees them.
 * @example peers.map((p: RemotePeer) => <video key={p.userID} srcObject={p.stream} />)
 */
export interface RemotePeer {
  userID: string;
  state: PeerState;
  /** Their audio and video (null until the first track arrives). */
  stream: MediaStream | null;
  /** What they say about their microphone and camera. */
  mic: boolean;
  camera: boolean;
  quality: CallQuality;
}

/**
 * Devices the browser offers (labels appear once a capture was allowed).
 * @example snapshot.devices.microphones.map((d) => d.label)
 */
export interface MediaDevices {
  microphones: readonly MediaDeviceInfo[];
  cameras: readonly MediaDeviceInfo[];
  speakers: readonly MediaDeviceInfo[];
}

/**
 * Everything `CallMedia` shows, as one immutable object (a new object on every change).
 * @example const { state, localStream, peers, mic, camera, quality } = media.getSnapshot()
 */
export interface CallMediaSnapshot {
  state: CallMediaState;
  kind: 'audio' | 'video';
  localStream: MediaStream | null;
  /** My microphone is on (not muted). */
  mic: boolean;
  /** My camera is on. */
  camera: boolean;
  peers: readonly RemotePeer[];
  /** Accepted participants beyond the mesh (maybe me), not connected: use an SFU for larger calls. */
  overLimit: readonly string[];
  /** The worst connection's quality. */
  quality: CallQuality;
  error: CallMediaError | null;
  devices: MediaDevices;
  microphoneID: string | null;
  cameraID: string | null;
  /** The speaker chosen with `selectSpeaker` (apply it with `setSinkId` on your media elements). */
  speakerID: string | null;
  /** Whether this browser can choose the speaker (`HTMLMediaElement.setSinkId`). */
  canSelectSpeaker: boolean;
  /** The browser refused to play the call's audio before a user gesture: call `resumeAudio()` from a click. */
  audioBlocked: boolean;
  /** The signaling connection, as the client reports it. */
  signaling: ConnectionState;
  /** ICE restarts made so far (failures, and signaling reconnects). */
  iceRestarts: number;
}

/**
 * The media of one call: capture, a peer connection per other participant, controls.
 * @example
 * const media = createCallMedia(client, inviteID)
 * media.subscribe(() => render(media.getSnapshot()))
 * media.setMic(false)
 */
export interface CallMedia {
  getSnapshot(): CallMediaSnapshot;
  /** Calls `listener` after every change; returns the unsubscribe function. */
  subscribe(listener: () => void): () => void;
  setMic(on: boolean): void;
  setCamera(on: boolean): Promise<void>;
  selectMicrophone(deviceID: string): Promise<void>;
  selectCamera(deviceID: string): Promise<void>;
  /** Plays the other participants' audio on this speaker (`setSinkId`, where supported). */
  selectSpeaker(deviceID: string): Promise<void>;
  /** Starts the call's audio after the browser blocked it (call it from a user gesture). */
  resumeAudio(): Promise<void>;
  /** After `failed`: fetch ICE servers again and restart ICE on every failed connection. */
  retry(): void;
  /** Stops every track and closes every connection (telling the others); the call itself is the app's to end. */
  close(): void;
  /** The live peer connections (for diagnostics and tests). */
  peerConnections(): RTCPeerConnection[];
}

const DEFAULT_TIMINGS: PeerLinkTimings = { offerTimeoutMs: 6000, disconnectedRestartMs: 3000, connectTimeoutMs: 30_000, maxRestarts: 2 };
const NO_DEVICES: MediaDevices = { microphones: [], cameras: [], speakers: [] };
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
  let audioBlocked = false;
  const players = new Map<string, HTMLAudioElement>();
  const isClosed = () => phase === 'closed';
  const canSelectSpeaker = typeof HTMLMediaElement !== 'undefined' && 'setSinkId' in HTMLMediaElement.prototype;

  const changed = () => {
    snapshot = undefined;
    for (const listener of [...listeners]) listener();
  };

  const fetchIceServers = async (): Promise<RTCIceServer[] | undefined> =>
    typeof options.iceServers === 'function' ? await options.iceServers() : options.iceServers;

  const play = (element: HTMLAudioElement) =>
    element.play().then(
      () => {
        if (audioBlocked && [...players.values()].every((p) => !p.paused)) {
          audioBlocked = false;
          changed();
        }
      },
      (e: unknown) => {
        if ((e as { name?: string } | null)?.name === 'NotAllowedError' && !isClosed()) {
          audioBlocked = true;
          changed();
        }
      },
    );

  const playAudio = (userID: string, track: MediaStreamTrack) => {
    if (options.playAudio === false || typeof Audio === 'undefined' || isClosed()) return;
    let element = players.get(userID);
    if (!element) {
      element = new Audio();
      element.autoplay = true;
      players.set(userID, element);
      if (speakerID && canSelectSpeaker) void element.setSinkId(speakerID).catch(() => undefined);
    }
    element.srcObject = new MediaStream([track]);
    void play(element);
  };

  const stopAudio = (userID: string) => {
    const element = players.get(userID);
    if (!element) return;
    element.pause();
    element.srcObject = null;
    players.delete(userID);
  };

  const host: PeerLinkHost = {
    send: (to, signal) => void channel.send(to, signal).catch(() => undefined),
    localTrack: (k) => tracks[k],
    captured: () => captured,
    localStream,
    wantsVideo: () => videoSent,
    localState: () => ({ mic, camera }),
    refreshIceServers: fetchIceServers,
    playAudio,
    changed,
  };

  // ---- capture ----

  const constraint = (id: string | null, extra: MediaTrackConstraints = {}): MediaTrackConstraints => ({ ...extra, ...(id && { deviceId: { exact: id } }) });
  const VIDEO: MediaTrackConstraints = { width: { ideal: 640 }, height: { ideal: 360 }, frameRate: { ideal: 15 } };

  const captureError = (e: unknown, device: 'microphone' | 'camera'): CallMediaError => {
    const name = (e as { name?: string } | null)?.name;
    const code = name === 'NotAllowedError' || name === 'SecurityError' ? 'MEDIA_DENIED' : name === 'NotFoundError' || name === 'OverconstrainedError' ? 'NO_DEVICE' : 'MEDIA_FAILED';
    return { code, device, message: (e as Error | null)?.message ?? String(e) };
  };

  const capture = async (k: 'audio' | 'video'): Promise<MediaStreamTrack | null> => {
    if (typeof navigator === 'undefined' || !navigator.mediaDevices?.getUserMedia) {
      error = { code: 'MEDIA_FAILED', device: k === 'audio' ? 'microphone' : 'camera', message: 'getUserMedia is not available (a secure context is needed)' };
      return null;
    }
    try {
      const stream = await navigator.mediaDevices.getUserMedia(
        k === 'audio' ? { audio: constraint(microphoneID) } : { video: constraint(cameraID, VIDEO) },
      );
      const track = stream.getTracks()[0] ?? null;
      if (isClosed()) {
        track?.stop();
        return null;
      }
      if (error?.device === (k === 'audio' ? 'microphone' : 'camera')) error = null;
      return track;
    } catch (e) {
      // The microphone's problem matters more than the camera's: keep it when both fail.
      if (!(k === 'video' && error?.device === 'microphone')) error = captureError(e, k === 'audio' ? 'microphone' : 'camera');
      return null;
    }
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
    if (typeof navigator === 'undefined' || !navigator.mediaDevices?.enumerateDevices) return;
    const all = await navigator.mediaDevices.enumerateDevices().catch(() => [] as MediaDeviceInfo[]);
    if (isClosed()) return;
    devices = {
      microphones: all.filter((d) => d.kind === 'audioinput'),
      cameras: all.filter((d) => d.kind === 'videoinput'),
      speakers: all.filter((d) => d.kind === 'audiooutput'),
    };
    changed();
  };

  // ---- following the invitation ----

  const inCallHere = (invitation: Invitation | undefined): 'yes' | 'not yet' | 'no' => {
    if (!invitation) return 'not yet';
    if (invitation.state !== 'active') return 'no';
    const me = invitation.users.find((u) => u.userID === client.userID);
    if (!me) return invitation.inviter === client.userID && invitation.mode === 'advanced' ? 'yes' : 'no';
    if (me.state === 'accepted') {
      if (me.deviceID !== undefined && me.deviceID !== client.deviceID) return 'no';
      // A one-to-one call whose other side is over (declined, timed out, cancelled, left) is over
      // for the media too, though the invitation stays open until someone ends it.
      const others = invitation.users.filter((u) => u.userID !== client.userID);
      const oneToOne = invitation.groupID === undefined && others.length <= 1;
      const otherStillThere = others.some((u) => u.state === 'accepted' || u.state === 'inviting' || u.state === 'received' || u.state === 'notYetReceived');
      return oneToOne && others.length === 1 && !otherStillThere ? 'no' : 'yes';
    }
    return me.state === 'inviting' || me.state === 'received' || me.state === 'notYetReceived' ? 'not yet' : 'no';
  };

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
    const here = inCallHere(invitation);
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
        stopAudio(userID);
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
    for (const userID of [...players.keys()]) stopAudio(userID);
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
        canSelectSpeaker,
        audioBlocked,
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
      const track = await capture('audio');
      if (isClosed()) return void track?.stop();
      if (track) {
        putLocal('audio', track);
        await setTrackEverywhere('audio', track);
      }
      changed();
    },
    async selectCamera(deviceID) {
      if (isClosed()) return;
      cameraID = deviceID;
      if (phase !== 'ready' || !camera) return changed();
      const track = await capture('video');
      if (isClosed()) return void track?.stop();
      if (track) {
        putLocal('video', track);
        await setTrackEverywhere('video', track);
      }
      changed();
    },
    async selectSpeaker(deviceID) {
      speakerID = deviceID;
      changed();
      if (canSelectSpeaker) await Promise.all([...players.values()].map((p) => p.setSinkId(deviceID).catch(() => undefined)));
    },
    async resumeAudio() {
      await Promise.all([...players.values()].map(play));
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
