import type { ClientEventMap, ConnectionState } from '../protocol/events.js';
import type { Invitation } from '../protocol/types.js';
import type { MediaSignalChannel, MediaSignalRelay } from './MediaSignalChannel.js';
import type { PeerLinkTimings, PeerState } from './PeerLink.js';
import type { CallQuality } from './readQuality.js';

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
