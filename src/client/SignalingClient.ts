import { RingkitError } from '../protocol/errors.js';
import type { ClientEventMap, ClientEventName, ConnectionState } from '../protocol/events.js';
import type { CommandName, CommandParams, CommandResult } from '../protocol/commands.js';
import { isPending, type CallUser, type Conversation, type Invitation, type SignalingInfo, type SignalingMessage } from '../protocol/types.js';
import type { CancelResult, ChangeAck, HistoryResult, InviteResult, OperationResult, QueryInvitationsResult, WireUpdate } from '../protocol/wire.js';
import { deriveEvents } from './deriveEvents.js';
import { isDetachedCall } from './isDetachedCall.js';
import { Emitter } from './Emitter.js';
import { mergeUpdate } from './mergeUpdate.js';
import { findUser } from './userIndex.js';
import { parseSignalingInfo } from './parseSignalingInfo.js';
import type { Transport } from './Transport.js';

/**
 * Options every mutating call accepts.
 * @example await client.accept(inviteID, { requestID: 'accept-1' })
 */
export interface RequestOptions {
  /** Makes retries idempotent; generated when absent. */
  requestID?: string;
}

/**
 * Options of `invite` and `inviteInGroup` (the command's params without the invitees): `data`,
 * `timeout` (seconds to ring, 0–600, 0 = never; default 30), `mode`, `onlineUserOnly`,
 * `offlinePushInfo`, `enableNotReceivedCheck`, `busyPolicy` ('reject': invitees who are busy are
 * rejected at once with `{"reason":"busy"}`) and `requestID`.
 * @example await client.invite('bob', { mode: 'advanced', timeout: 45, busyPolicy: 'reject' })
 */
export type InviteOptions = Omit<CommandParams<'invitation:invite'>, 'invitees'>;

/**
 * Options of `callingInvite`: `data`, `timeout`, `offlinePushInfo`, `busyPolicy`, `requestID`.
 * @example await client.callingInvite(inviteID, ['dave'], { timeout: 20 })
 */
export type CallingInviteOptions = Omit<CommandParams<'invitation:callingInvite'>, 'inviteID' | 'invitees'>;

/**
 * Options of `cancel`: `data`, `invitees` (cancel only these; default every pending one), `requestID`.
 * @example await client.cancel(inviteID, { invitees: ['bob'], data: 'never mind' })
 */
export type CancelOptions = Omit<CommandParams<'invitation:cancel'>, 'inviteID'>;

/**
 * Options of accept, reject, join, quit and end: `data` and `requestID`.
 * @example await client.reject(inviteID, { data: JSON.stringify({ reason: 'decline' }) })
 */
export type ActionOptions = Omit<CommandParams<'invitation:accept'>, 'inviteID'>;

/**
 * Options of the client itself (use `createSignalingClient` rather than `new`).
 * @example new SignalingClient({ transport, deviceID: 'phone' })
 */
export interface SignalingClientOptions {
  transport: Transport;
  /** The user, when known before connecting (dev mode, or read from the token). */
  userID?: string;
  deviceID: string;
  /** Milliseconds to wait for an acknowledgement. Default 10000. */
  requestTimeoutMs?: number;
}

const MAX_ENDED_IN_MIRROR = 500;

/**
 * The framework-free client: connects, keeps a version-guarded mirror
 * of every invitation it is involved in, and turns server updates into the events of section 5.
 * Create it with `createSignalingClient`.
 * @example
 * const client = createSignalingClient({ url, token })
 * client.on('invitationReceived', (e) => ring(e.inviter))
 * await client.connect()
 */
export class SignalingClient {
  private currentDeviceID: string;
  private currentUserID: string;
  private state: ConnectionState = 'disconnected';
  private readonly emitter = new Emitter<ClientEventMap>();
  private readonly mirror = new Map<string, Invitation>();
  private readonly wants = (name: ClientEventName) => this.emitter.has(name);
  private readonly acknowledged = new Set<string>();
  private readonly transport: Transport;
  private readonly requestTimeoutMs: number;
  private applying: Promise<void> = Promise.resolve();
  private serverOffset = 0;
  private connectWaiters: { resolve: () => void; reject: (e: RingkitError) => void }[] = [];
  private readyWaiters: (() => void)[] = [];
  private detachedAtSync: string[] = [];

  constructor(options: SignalingClientOptions) {
    this.transport = options.transport;
    this.currentDeviceID = options.deviceID;
    this.currentUserID = options.userID ?? '';
    this.requestTimeoutMs = options.requestTimeoutMs ?? 10_000;
  }

  /** This device as the server knows it (the server's word wins once connected). */
  get deviceID(): string {
    return this.currentDeviceID;
  }

  /** The signed-in user ('' until known). */
  get userID(): string {
    return this.currentUserID;
  }

  get connectionState(): ConnectionState {
    return this.state;
  }

  /**
   * The calls my user is in on a device of theirs that is not connected (a tab that crashed
   * mid-call), as the server said when this device connected, while they still are: continue one
   * here with `join`, or `end` it. Left alone, the server takes the user out of it once that
   * device has been gone for the grace period. Read it once connected (`connectionStateChanged`).
   * @example for (const id of client.detachedCallIDs) await client.end(id)
   */
  get detachedCallIDs(): string[] {
    return this.detachedAtSync.filter((id) => isDetachedCall(this.mirror.get(id), this.currentUserID, this.currentDeviceID));
  }

  /** The server's clock as this client estimates it (ms). */
  serverNow(): number {
    return Date.now() + this.serverOffset;
  }

  /**
   * Subscribes to an event; returns the unsubscribe function.
   * @example const off = client.on('inviteeAccepted', (e) => startMedia(e.inviteID))
   */
  on<K extends ClientEventName>(name: K, handler: (event: ClientEventMap[K]) => void): () => void {
    return this.emitter.on(name, handler);
  }

  /** Unsubscribes a handler added with `on`. */
  off<K extends ClientEventName>(name: K, handler: (event: ClientEventMap[K]) => void): void {
    this.emitter.off(name, handler);
  }

  /**
   * Resolves once authenticated and in sync; rejects with UNAUTHENTICATED (or similar) when refused.
   * In a browser, the client then tells the server it is leaving when the page is hidden for
   * good (`pagehide`), and comes back if the page is restored from the back/forward cache.
   */
  connect(): Promise<void> {
    if (this.state === 'connected') return Promise.resolve();
    this.watchPage(true);
    const done = new Promise<void>((resolve, reject) => this.connectWaiters.push({ resolve, reject }));
    if (this.state === 'disconnected') {
      this.setState('connecting');
      this.transport.open({
        onOpen: () => void this.resync(),
        onClose: (willRetry, error) => this.handleClose(willRetry, error),
        onUpdate: (update) => this.enqueue(() => this.applyWire(update, 'push')),
        onMediaSignal: (signal) => this.emitter.emit('mediaSignal', signal),
      });
    }
    return done;
  }

  /**
   * Tells the server this device is leaving and closes the connection (the mirror is kept until
   * the client is dropped). If it was the user's last device, the server acts at once (pending
   * invitees of the user's calls are cancelled with `callerGone`) instead of waiting for the
   * grace period it gives a dropped network.
   */
  disconnect(): void {
    this.watchPage(false);
    this.leave('disconnected by the app');
  }

  /** The mirror's snapshot of an invitation, or undefined. */
  getInvitation(inviteID: string): Invitation | undefined {
    return this.mirror.get(inviteID);
  }

  /** Every invitation in the mirror (active and recently ended). */
  getInvitations(): Invitation[] {
    return [...this.mirror.values()];
  }

  /**
   * Invites one or several users.
   * @example const { inviteID } = await client.invite('bob', { data: JSON.stringify({ room: 'r1' }), timeout: 30 })
   */
  async invite(invitees: string | string[], options: InviteOptions = {}): Promise<InviteResult> {
    const list = Array.isArray(invitees) ? invitees : [invitees];
    return this.mutate('invitation:invite', { ...options, invitees: list });
  }

  /** Invites members of a group; every member sees the invitation's progress. */
  inviteInGroup(groupID: string, invitees: string[], options: InviteOptions = {}): Promise<InviteResult> {
    return this.mutate('invitation:inviteInGroup', { ...options, groupID, invitees });
  }

  /** Cancels pending invitees (all, or `options.invitees`). Inviter only. */
  cancel(inviteID: string, options: CancelOptions = {}): Promise<CancelResult> {
    return this.mutate('invitation:cancel', { ...options, inviteID });
  }

  accept(inviteID: string, options: ActionOptions = {}): Promise<OperationResult> {
    return this.mutate('invitation:accept', { ...options, inviteID });
  }

  reject(inviteID: string, options: ActionOptions = {}): Promise<OperationResult> {
    return this.mutate('invitation:reject', { ...options, inviteID });
  }

  /** Replaces the invitation's data. Inviter only. */
  modify(inviteID: string, data: string, options: RequestOptions = {}): Promise<OperationResult> {
    return this.mutate('invitation:modify', { ...options, inviteID, data });
  }

  /** Invites more users into an advanced call you are in. */
  callingInvite(inviteID: string, invitees: string[], options: CallingInviteOptions = {}): Promise<InviteResult> {
    return this.mutate('invitation:callingInvite', { ...options, inviteID, invitees });
  }

  join(inviteID: string, options: ActionOptions = {}): Promise<OperationResult> {
    return this.mutate('invitation:join', { ...options, inviteID });
  }

  quit(inviteID: string, options: ActionOptions = {}): Promise<OperationResult> {
    return this.mutate('invitation:quit', { ...options, inviteID });
  }

  end(inviteID: string, options: ActionOptions = {}): Promise<OperationResult> {
    return this.mutate('invitation:end', { ...options, inviteID });
  }

  /** Invitations you are or were part of, newest first. */
  queryInvitations(options: { count: number; nextFlag?: number }): Promise<QueryInvitationsResult> {
    return this.call('invitation:query', { count: options.count, nextFlag: options.nextFlag ?? 0 });
  }

  /** Signaling history of a conversation, newest first. */
  getHistory(options: { conversation: Conversation; count?: number; cursor?: number }): Promise<HistoryResult> {
    return this.call('history:get', options);
  }

  /** The signaling info of a history message, or null when it is not a ringkit signaling message. */
  getSignalingInfo(message: SignalingMessage | unknown): SignalingInfo | null {
    return parseSignalingInfo(message);
  }

  /** Starts tracking an invitation learned elsewhere (e.g. from history or a push). */
  async addInvitedSignaling(info: Pick<SignalingInfo, 'inviteID'> & Partial<SignalingInfo>): Promise<void> {
    if (this.mirror.has(info.inviteID)) throw new RingkitError('ALREADY_EXISTS', 'this invitation is already tracked');
    const { invitation, serverTime } = await this.call('invitation:get', { inviteID: info.inviteID });
    if (this.mirror.has(info.inviteID)) throw new RingkitError('ALREADY_EXISTS', 'this invitation is already tracked');
    await this.enqueue(() => this.applyWire({ invitation, serverTime }, 'fetch'));
  }

  /**
   * Marks this device busy (or free) on the server, e.g. while in a call of another system: with
   * `busyPolicy: 'reject'` an invitation to you is then rejected at invite time with
   * `{"reason":"busy"}`, and none of your devices rings. The mark belongs to this device's
   * presence: it is sent again after every reconnect and goes away when the device does.
   * @example await client.setBusy(true)
   */
  async setBusy(busy: boolean): Promise<void> {
    this.markedBusy = busy;
    if (this.state === 'connected') await this.call('session:busy', { busy });
  }

  /**
   * Relays an opaque media signal (an SDP or ICE message, at most 64 KiB by default) to the device
   * on which user `to` holds their part in the call `inviteID`; it arrives there as a
   * `mediaSignal` event, in the order this device sent it. Both of you must be `accepted` in the
   * active invitation and this must be your device in it, otherwise INVITATION_NOT_FOUND.
   * Resolves once the server has relayed it (not once it was received); never retried.
   * @example await client.sendMediaSignal(inviteID, 'bob', JSON.stringify({ description: pc.localDescription }))
   */
  async sendMediaSignal(inviteID: string, to: string, signal: string): Promise<void> {
    await this.call('media:signal', { inviteID, to, signal });
  }

  /** Creates a group you belong to (servers with client groups enabled). */
  createGroup(groupID: string, members: string[] = []): Promise<{ groupID: string }> {
    return this.mutate('group:create', { groupID, members });
  }

  joinGroup(groupID: string): Promise<{ groupID: string }> {
    return this.mutate('group:join', { groupID });
  }

  leaveGroup(groupID: string): Promise<{ groupID: string }> {
    return this.mutate('group:leave', { groupID });
  }

  getGroupMembers(groupID: string): Promise<{ groupID: string; members: string[] }> {
    return this.call('group:members', { groupID });
  }

  // ---- internals ----

  private leftWithPage = false;
  private markedBusy = false;

  private readonly onPageHide = (): void => {
    if (this.state === 'disconnected') return;
    this.leftWithPage = true;
    this.leave('the page was hidden');
  };

  private readonly onPageShow = (event: Event): void => {
    if (!this.leftWithPage || !(event as PageTransitionEvent).persisted) return;
    this.leftWithPage = false;
    this.connect().catch(() => undefined);
  };

  /** Follows the page's lifecycle where there is one (browsers). */
  private watchPage(on: boolean): void {
    if (typeof window === 'undefined' || typeof window.addEventListener !== 'function') return;
    const method = on ? 'addEventListener' : 'removeEventListener';
    window[method]('pagehide', this.onPageHide);
    window[method]('pageshow', this.onPageShow);
  }

  /** Sends `session:leave` (without waiting: the page may be going away) and closes the link. */
  private leave(message: string): void {
    if (this.state === 'connected') void this.transport.request('session:leave', {}, this.requestTimeoutMs).catch(() => undefined);
    this.transport.close();
    this.handleClose(false, { code: 'NOT_CONNECTED', message });
  }

  /** Sends a mutating command with a requestID (made when absent) and mirrors the invitation it returns. */
  private async mutate<N extends MutatingCommand>(name: N, params: CommandParams<N>): Promise<CommandResult<N>> {
    const result: CommandResult<N> & { invitation?: Invitation } & ChangeAck = await this.call(name, { ...params, requestID: params.requestID ?? randomRequestID() }, true);
    if (result.invitation) {
      const { invitation, baseVersion } = result;
      delete result.baseVersion;
      const update: WireUpdate = { invitation, serverTime: this.serverNow(), ...(baseVersion !== undefined && { baseVersion }) };
      await this.enqueue(() => this.applyWire(update, 'ack'));
      const mirrored = this.mirror.get(invitation.inviteID);
      // A mirror behind the delta's base catches up from the push that follows; meanwhile the
      // caller gets the mirror with its own change applied.
      result.invitation = mirrored && mirrored.version >= invitation.version ? mirrored : (mergeUpdate(mirrored, { ...update, baseVersion: 0 }) ?? invitation);
    }
    return result;
  }

  /** Sends a command; mutating ones are resent with the same requestID after a reconnect. */
  private async call<N extends CommandName>(name: N, params: CommandParams<N>, retry = false): Promise<CommandResult<N>> {
    if (this.state !== 'connected' && !(retry && this.state === 'reconnecting')) {
      throw new RingkitError('NOT_CONNECTED', `not connected (${this.state})`);
    }
    const deadline = Date.now() + this.requestTimeoutMs;
    for (;;) {
      if (this.state === 'reconnecting') await this.waitUntilConnected(deadline - Date.now());
      try {
        const ack = await this.transport.request(name, params, Math.max(1, deadline - Date.now()));
        if (ack.ok) return ack.result;
        throw RingkitError.from(ack.error);
      } catch (error) {
        const lost = error instanceof RingkitError && (error.code === 'NOT_CONNECTED' || error.code === 'REQUEST_TIMEOUT');
        if (!retry || !lost || Date.now() >= deadline || this.connectionState === 'disconnected') throw error;
      }
    }
  }

  private waitUntilConnected(ms: number): Promise<void> {
    return new Promise((resolve, reject) => {
      const timer = setTimeout(() => reject(new RingkitError('REQUEST_TIMEOUT', 'no connection in time')), Math.max(0, ms));
      this.readyWaiters.push(() => {
        clearTimeout(timer);
        resolve();
      });
    });
  }

  private async resync(): Promise<void> {
    const known: Record<string, number> = {};
    for (const inv of this.mirror.values()) if (inv.state === 'active') known[inv.inviteID] = inv.version;
    try {
      const ack = await this.transport.request('session:sync', { known }, this.requestTimeoutMs);
      if (!ack.ok) {
        // The link is up but the server could not answer (e.g. its storage is restarting): ask
        // again shortly, or the client would wait in 'connecting' until the link happened to drop.
        setTimeout(() => this.state !== 'disconnected' && void this.resync(), 200 + Math.random() * 800);
        return;
      }
      const result = ack.result;
      this.currentUserID = result.userID;
      this.currentDeviceID = result.deviceID;
      this.serverOffset = result.serverTime - Date.now();
      const missed = result.updates.filter((u) => u.missed).map((u) => u.invitation.inviteID);
      if (missed.length > 0) void this.transport.request('session:missedSeen', { inviteIDs: missed }, this.requestTimeoutMs).catch(() => undefined);
      if (this.markedBusy) await this.transport.request('session:busy', { busy: true }, this.requestTimeoutMs).catch(() => undefined);
      await this.enqueue(async () => {
        for (const update of result.updates) await this.applyWire(update, 'sync');
        for (const id of result.unknown) await this.endLost(id, result.serverTime);
      });
      this.detachedAtSync = result.detached;
      this.setState('connected');
      for (const waiter of this.connectWaiters.splice(0)) waiter.resolve();
      for (const ready of this.readyWaiters.splice(0)) ready();
    } catch {
      // The transport reconnects and calls resync again.
    }
  }

  private handleClose(willRetry: boolean, error?: { code: string; message: string }): void {
    if (this.state === 'disconnected') return;
    if (willRetry && this.state !== 'connecting') return this.setState('reconnecting', error);
    if (willRetry) return;
    this.transport.close();
    this.setState('disconnected', error);
    const failure = RingkitError.from(error ?? { code: 'NOT_CONNECTED', message: 'disconnected' });
    for (const waiter of this.connectWaiters.splice(0)) waiter.reject(failure);
  }

  private setState(state: ConnectionState, error?: { code: string; message: string }): void {
    if (state === this.state) return;
    const previous = this.state;
    this.state = state;
    const detachedCallIDs = state === 'connected' ? { detachedCallIDs: this.detachedCallIDs } : undefined;
    this.emitter.emit('connectionStateChanged', { state, previous, ...(error && { error }), ...detachedCallIDs });
  }

  private enqueue(task: () => Promise<void>): Promise<void> {
    const run = this.applying.then(task, task);
    this.applying = run.catch(() => undefined);
    return run;
  }

  /** Brings the mirror to the update's version and emits what changed. */
  private async applyWire(update: WireUpdate, origin: 'push' | 'sync' | 'ack' | 'fetch'): Promise<void> {
    const id = update.invitation.inviteID;
    const prev = this.mirror.get(id);
    if (prev && prev.version >= update.invitation.version) return;
    let next = mergeUpdate(prev, update);
    const fromDelta = next !== undefined && update.baseVersion !== undefined;
    if (!next && origin === 'ack') return; // the push of this change brings what the mirror lacks
    if (!next) {
      const fetched = await this.transport
        .request('invitation:get', { inviteID: id }, this.requestTimeoutMs)
        .catch(() => undefined);
      if (!fetched?.ok) return;
      next = fetched.result.invitation;
      if (prev && prev.version >= next.version) return;
    }
    this.mirror.set(id, next);
    this.pruneMirror();
    const events = deriveEvents(prev, next, {
      self: this.currentUserID,
      deviceID: this.currentDeviceID,
      missed: update.missed === true,
      serverTime: update.serverTime,
      wants: this.wants,
      ...(fromDelta && { candidates: update.invitation.users }),
    });
    for (const [name, payload] of events) this.emitter.emit(name, payload as never);
    // After the events: an app that answers as soon as it rings sends its answer first, so the
    // answer does not wait behind the receipt (which then changes nothing).
    this.acknowledgeReceipt(next, origin);
  }

  /**
   * An invitation the server no longer knows (its memory was lost): end it here so nothing rings
   * for a dead call. Everyone still pending ends too (timed out when their deadline has passed,
   * else cancelled), so a ringing device hears `invitationCancelled` or `invitationTimeout`.
   */
  private async endLost(inviteID: string, serverTime: number): Promise<void> {
    const prev = this.mirror.get(inviteID);
    if (!prev || prev.state === 'ended') return;
    const version = prev.version + 1;
    const users = prev.users.map((u): CallUser => {
      if (!isPending(u.state)) return u;
      return { ...u, state: u.deadline !== undefined && u.deadline <= serverTime ? 'timeout' : 'cancelled', version };
    });
    const endReason = prev.mode === 'advanced' ? 'ended' : 'cancelled';
    const invitation: Invitation = { ...prev, users, state: 'ended', endReason, endTime: serverTime, version };
    await this.applyWire({ invitation, serverTime }, 'sync');
  }

  /** Tells the server this device has the invitation (moves me to `received`). */
  private acknowledgeReceipt(inv: Invitation, origin: string): void {
    const mine = findUser(inv.users, this.currentUserID);
    if (origin === 'ack' || inv.state !== 'active' || !mine) return;
    if (mine.state !== 'inviting' && mine.state !== 'notYetReceived') return;
    const key = `${inv.inviteID}:${mine.version}`;
    if (this.acknowledged.has(key)) return;
    this.acknowledged.add(key);
    void this.transport.request('invitation:received', { inviteID: inv.inviteID }, this.requestTimeoutMs).catch(() => {
      this.acknowledged.delete(key);
    });
  }

  private pruneMirror(): void {
    if (this.mirror.size <= MAX_ENDED_IN_MIRROR) return;
    const ended = [...this.mirror.values()].filter((inv) => inv.state === 'ended');
    ended.sort((a, b) => (a.endTime ?? 0) - (b.endTime ?? 0));
    for (const inv of ended.slice(0, this.mirror.size - MAX_ENDED_IN_MIRROR)) this.mirror.delete(inv.inviteID);
  }
}

/** Commands that change something and so carry a requestID. */
type MutatingCommand = { [N in CommandName]: 'requestID' extends keyof CommandParams<N> ? N : never }[CommandName];

function randomRequestID(): string {
  return crypto.randomUUID();
}
