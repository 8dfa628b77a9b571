import { decodeSignal, encodeSignal, type SignalBody, type SignalMessage } from './signalMessage.js';
import { readQuality, UNKNOWN_QUALITY, type CallQuality, type QualitySample } from './readQuality.js';

/**
 * The state of one remote participant's connection.
 * @example const s: PeerState = 'reconnecting'
 */
export type PeerState = 'connecting' | 'connected' | 'reconnecting' | 'failed';

/** What a `PeerLink` needs from the call it belongs to. */
export interface PeerLinkHost {
  /** Sends an encoded signal to this peer's user (errors are the host's to swallow). */
  send(to: string, signal: string): void;
  /** The local tracks now (null: none, e.g. camera off or no microphone) and their stream. */
  localTrack(kind: 'audio' | 'video'): MediaStreamTrack | null;
  /** Resolves once the local capture is done (or failed). */
  captured(): Promise<void>;
  readonly localStream: MediaStream;
  /** Whether the call sends video at all (a video call, or the camera turned on in an audio call). */
  wantsVideo(): boolean;
  /** My microphone and camera, as the other side should show them. */
  localState(): { mic: boolean; camera: boolean };
  /** Fresh ICE servers (e.g. new TURN credentials) before an ICE restart after a failure. */
  refreshIceServers(): Promise<RTCIceServer[] | undefined>;
  /** A remote audio track arrived: play it. */
  playAudio(userID: string, track: MediaStreamTrack): void;
  /** Something the snapshot shows changed. */
  changed(): void;
}

/**
 * Timings of a link (milliseconds); tests may shorten them.
 * @example createCallMedia(client, inviteID, { timings: { offerTimeoutMs: 1000 } })
 */
export interface PeerLinkTimings {
  /** An offer unanswered this long is rolled back and made again with an ICE restart. */
  offerTimeoutMs: number;
  /** ICE `disconnected` this long triggers an ICE restart (before the browser declares `failed`). */
  disconnectedRestartMs: number;
  /** Not connected this long after the link started: `failed`. */
  connectTimeoutMs: number;
  /** ICE restarts tried after `failed` before the link itself is shown as failed. */
  maxRestarts: number;
}

const randomSid = () => crypto.randomUUID().slice(0, 8);

/**
 * One RTCPeerConnection to one remote participant, negotiated with the "perfect negotiation"
 * pattern (MDN; webrtc-pc §10.7): either side may renegotiate at any time, offers that collide
 * are settled by politeness (the polite side rolls back its own offer, the impolite one ignores
 * the other's). Every message carries this link's session id and a sequence number; the link
 * drops what belongs to an earlier session or arrives twice.
 *
 * The impolite side (the caller) offers once it has heard the other side's `hello`, so an offer
 * never reaches a page that is not listening yet; the polite side adds its tracks to the
 * transceivers of the first offer, so the first exchange is a single offer/answer.
 * @example const link = new PeerLink('bob', false, { iceServers: [] }, host, timings)
 */
export class PeerLink {
  readonly pc: RTCPeerConnection;
  /** This connection's negotiation session. */
  readonly sid = randomSid();
  /** The remote connection's session, once heard. */
  remoteSid: string | undefined;
  state: PeerState = 'connecting';
  /** The remote participant's media (a new object whenever a track is added). */
  stream: MediaStream | null = null;
  /** What the other side says about its microphone and camera. */
  remote: { mic: boolean; camera: boolean };
  quality: CallQuality = UNKNOWN_QUALITY;
  /** ICE restarts made on this link. */
  iceRestarts = 0;
  /** Set by `bye` or `close`: the link is over. */
  closed = false;
  private seq = 0;
  private remoteSeq = -1;
  private makingOffer = false;
  private ignoreOffer = false;
  private settingRemoteAnswer = false;
  private tracksAdded = false;
  private readonly senders: Partial<Record<'audio' | 'video', RTCRtpSender>> = {};
  private connectedOnce = false;
  private restarts = 0;
  private sample: QualitySample | undefined;
  private queue: Promise<void> = Promise.resolve();
  private readonly timers = new Set<ReturnType<typeof setTimeout>>();
  private disconnectedTimer: ReturnType<typeof setTimeout> | undefined;
  private offerTimer: ReturnType<typeof setTimeout> | undefined;

  constructor(
    readonly userID: string,
    readonly polite: boolean,
    configuration: RTCConfiguration,
    private readonly host: PeerLinkHost,
    private readonly timings: PeerLinkTimings,
  ) {
    this.remote = { mic: true, camera: host.wantsVideo() };
    // Constructed plainly from the global, so a page (or a test) that wraps RTCPeerConnection sees it.
    this.pc = new RTCPeerConnection(configuration);
    this.pc.onnegotiationneeded = () => void this.makeOffer();
    this.pc.onicecandidate = ({ candidate }) => candidate && this.send({ type: 'candidate', candidate: candidate.toJSON() });
    this.pc.ontrack = ({ track }) => {
      const others = this.stream?.getTracks().filter((t) => t.kind !== track.kind) ?? [];
      this.stream = new MediaStream([...others, track]);
      // A track is muted while no media arrive on it (e.g. the other side has no camera): show it.
      track.addEventListener('mute', () => this.host.changed());
      track.addEventListener('unmute', () => this.host.changed());
      if (track.kind === 'audio') this.host.playAudio(this.userID, track);
      this.host.changed();
    };
    this.pc.onconnectionstatechange = () => this.updateState();
    this.pc.oniceconnectionstatechange = () => this.watchIce();
    this.later(() => {
      if (!this.connectedOnce && !this.closed) this.setState('failed');
    }, timings.connectTimeoutMs);
  }

  /** Announces this session to the other side (it answers with its own `hello`). */
  start(): void {
    this.send({ type: 'hello' });
  }

  /**
   * Whether a message belongs to this link: `reset` when it opens a new session of the other
   * side (its page reloaded or its connection was rebuilt: make a new link for it).
   */
  verdict(message: SignalMessage): 'ok' | 'stale' | 'reset' {
    const opens = message.type === 'hello' || (message.type === 'description' && message.description.type === 'offer');
    if (message.sid !== this.remoteSid) {
      if (!opens) return 'stale';
      return this.remoteSid === undefined ? 'ok' : 'reset';
    }
    if (message.seq <= this.remoteSeq) return 'stale';
    if (message.type !== 'hello' && message.to !== undefined && message.to !== this.sid) return 'stale';
    return 'ok';
  }

  /** Handles a message (one at a time, in arrival order). */
  receive(signal: string | SignalMessage): Promise<void> {
    const message = typeof signal === 'string' ? decodeSignal(signal) : signal;
    if (!message) return this.queue;
    this.queue = this.queue.then(() => this.handle(message)).catch(() => undefined);
    return this.queue;
  }

  /** Sends my microphone/camera state (after a change). */
  sendState(): void {
    if (this.remoteSid !== undefined) this.send({ type: 'state', ...this.host.localState() });
  }

  /**
   * Puts a local track on this link (null: stop sending that kind): `replaceTrack` on the
   * existing sender, or a new track (renegotiation) when the link never sent that kind.
   */
  async setTrack(kind: 'audio' | 'video', track: MediaStreamTrack | null): Promise<void> {
    if (this.closed || !this.tracksAdded) return; // tracks are added with the first negotiation
    const sender = this.senders[kind];
    if (sender) {
      await sender.replaceTrack(track).catch(() => undefined);
      const transceiver = this.pc.getTransceivers().find((t) => t.sender === sender);
      if (track && transceiver && transceiver.direction !== 'sendrecv' && transceiver.direction !== 'stopped') transceiver.direction = 'sendrecv';
    } else if (track) {
      this.senders[kind] = this.pc.addTrack(track, this.host.localStream);
    }
  }

  /** An ICE restart (the connection failed, or the signaling socket came back). */
  restartIce(): void {
    if (this.closed) return;
    this.iceRestarts++;
    this.pc.restartIce();
  }

  /**
   * After the signaling socket came back: messages may have been lost while it was down, so an
   * offer still waiting for its answer is rolled back, and ICE restarts (a new offer).
   */
  async afterReconnect(): Promise<void> {
    if (this.closed) return;
    this.send({ type: 'hello' });
    if (this.pc.signalingState === 'have-local-offer') await this.pc.setLocalDescription({ type: 'rollback' }).catch(() => undefined);
    this.restartIce();
  }

  /** Tries again after `failed`: fresh ICE servers, an ICE restart. */
  async retry(): Promise<void> {
    if (this.closed) return;
    this.restarts = 0;
    this.setState(this.connectedOnce ? 'reconnecting' : 'connecting');
    await this.refreshConfiguration();
    this.restartIce();
    this.later(() => {
      if (this.state !== 'connected' && !this.closed) this.setState('failed');
    }, this.timings.connectTimeoutMs);
  }

  /** Samples getStats into `quality`. */
  async sampleQuality(): Promise<void> {
    if (this.closed) return;
    const report = await this.pc.getStats().catch(() => undefined);
    if (!report || this.closed) return;
    const { quality, sample } = readQuality(report, this.sample);
    this.sample = sample;
    this.quality = quality;
  }

  /** Closes the connection (telling the other side with `bye` unless it said it first). */
  close(sayBye: boolean): void {
    if (this.closed) return;
    if (sayBye) this.send({ type: 'bye' });
    this.closed = true;
    for (const timer of this.timers) clearTimeout(timer);
    this.timers.clear();
    this.pc.onnegotiationneeded = this.pc.onicecandidate = this.pc.ontrack = null;
    this.pc.onconnectionstatechange = this.pc.oniceconnectionstatechange = null;
    this.pc.close();
    for (const track of this.stream?.getTracks() ?? []) track.stop();
  }

  // ---- internals ----

  private send(body: SignalBody): void {
    if (this.closed) return;
    this.host.send(this.userID, encodeSignal(body, { sid: this.sid, seq: ++this.seq, to: this.remoteSid }));
  }

  private later(fn: () => void, ms: number): ReturnType<typeof setTimeout> {
    const timer = setTimeout(() => {
      this.timers.delete(timer);
      fn();
    }, ms);
    this.timers.add(timer);
    return timer;
  }

  private async handle(message: SignalMessage): Promise<void> {
    if (this.closed || this.verdict(message) !== 'ok') return;
    const known = message.sid === this.remoteSid;
    this.remoteSid = message.sid;
    this.remoteSeq = message.seq;
    if (!known) {
      // A new session of the other side: tell it mine (unless it already addressed me), and my state.
      if (message.type !== 'hello' || message.to !== this.sid) this.send({ type: 'hello' });
      this.sendState();
    }
    switch (message.type) {
      case 'hello':
        if (!this.polite) {
          await this.host.captured();
          this.negotiate();
        }
        return;
      case 'description':
        return this.onDescription(message.description);
      case 'candidate':
        try {
          await this.pc.addIceCandidate(message.candidate ?? undefined);
        } catch (error) {
          if (!this.ignoreOffer && this.pc.remoteDescription) throw error;
        }
        return;
      case 'state':
        this.remote = { mic: message.mic, camera: message.camera };
        this.host.changed();
        return;
      case 'bye':
        this.close(false);
        this.host.changed();
        return;
    }
  }

  /** The impolite side starts (or restarts) the first negotiation once the other side listens. */
  private negotiate(): void {
    if (!this.tracksAdded) this.addLocalTracks();
    else if (this.pc.signalingState === 'stable' && !this.pc.currentRemoteDescription) void this.makeOffer();
  }

  /** Adds my tracks, reusing the transceivers of a received offer (then no second exchange is needed). */
  private addLocalTracks(): void {
    if (this.tracksAdded) return;
    this.tracksAdded = true;
    const kinds: ('audio' | 'video')[] = this.host.wantsVideo() ? ['audio', 'video'] : ['audio'];
    for (const kind of kinds) {
      const track = this.host.localTrack(kind);
      const offered = this.pc.getTransceivers().find((t) => t.receiver.track.kind === kind && !t.sender.track && t.currentDirection !== 'stopped');
      if (track) {
        this.senders[kind] = this.pc.addTrack(track, this.host.localStream);
      } else if (offered) {
        offered.direction = 'sendrecv';
        this.senders[kind] = offered.sender;
      } else {
        this.senders[kind] = this.pc.addTransceiver(kind, { direction: 'sendrecv', streams: [this.host.localStream] }).sender;
      }
    }
  }

  private async makeOffer(): Promise<void> {
    if (this.closed || this.remoteSid === undefined) return; // negotiated once the other side says hello
    try {
      this.makingOffer = true;
      await this.pc.setLocalDescription();
      const description = this.pc.localDescription;
      if (!description || description.type !== 'offer') return;
      this.send({ type: 'description', description: description.toJSON() as RTCSessionDescriptionInit });
      this.watchOffer(description.sdp);
    } catch {
      // A collision or a closed connection: the next negotiationneeded (or a restart) tries again.
    } finally {
      this.makingOffer = false;
    }
  }

  /** An offer lost on the way (e.g. while the socket was down) must not block the link forever. */
  private watchOffer(sdp: string): void {
    if (this.offerTimer) clearTimeout(this.offerTimer);
    this.offerTimer = this.later(async () => {
      if (this.closed || this.pc.signalingState !== 'have-local-offer' || this.pc.localDescription?.sdp !== sdp) return;
      await this.pc.setLocalDescription({ type: 'rollback' }).catch(() => undefined);
      this.restartIce();
    }, this.timings.offerTimeoutMs);
  }

  private async onDescription(description: RTCSessionDescriptionInit): Promise<void> {
    const readyForOffer = !this.makingOffer && (this.pc.signalingState === 'stable' || this.settingRemoteAnswer);
    const collision = description.type === 'offer' && !readyForOffer;
    this.ignoreOffer = !this.polite && collision;
    if (this.ignoreOffer) return;
    if (description.type === 'answer' && this.pc.signalingState !== 'have-local-offer') return; // an answer to an offer rolled back
    this.settingRemoteAnswer = description.type === 'answer';
    try {
      await this.pc.setRemoteDescription(description);
    } finally {
      this.settingRemoteAnswer = false;
    }
    if (description.type !== 'offer') return;
    if (!this.tracksAdded) await this.host.captured();
    this.addLocalTracks();
    await this.pc.setLocalDescription();
    const answer = this.pc.localDescription;
    if (answer) this.send({ type: 'description', description: answer.toJSON() as RTCSessionDescriptionInit });
  }

  private watchIce(): void {
    const ice = this.pc.iceConnectionState;
    if (ice === 'disconnected') {
      if (!this.disconnectedTimer) {
        this.disconnectedTimer = this.later(() => {
          this.disconnectedTimer = undefined;
          if (this.pc.iceConnectionState === 'disconnected') this.restartIce();
        }, this.timings.disconnectedRestartMs);
      }
    } else if (this.disconnectedTimer) {
      clearTimeout(this.disconnectedTimer);
      this.timers.delete(this.disconnectedTimer);
      this.disconnectedTimer = undefined;
    }
  }

  private updateState(): void {
    if (this.closed) return;
    const cs = this.pc.connectionState;
    if (cs === 'connected') {
      this.connectedOnce = true;
      this.restarts = 0;
      this.setState('connected');
    } else if (cs === 'failed') {
      if (this.restarts < this.timings.maxRestarts) {
        this.restarts++;
        this.setState(this.connectedOnce ? 'reconnecting' : 'connecting');
        void this.refreshConfiguration().then(() => this.restartIce());
      } else {
        this.setState('failed');
      }
    } else if (cs === 'disconnected' || ((cs === 'new' || cs === 'connecting') && this.connectedOnce)) {
      this.setState(this.connectedOnce ? 'reconnecting' : 'connecting');
    }
  }

  private async refreshConfiguration(): Promise<void> {
    const iceServers = await this.host.refreshIceServers().catch(() => undefined);
    if (iceServers && !this.closed) this.pc.setConfiguration({ ...this.pc.getConfiguration(), iceServers });
  }

  private setState(state: PeerState): void {
    if (this.state === state) return;
    this.state = state;
    this.host.changed();
  }
}
