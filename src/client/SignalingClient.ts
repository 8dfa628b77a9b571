import { RingkitError } from '../protocol/errors.js';
import type { ClientEventMap, ClientEventName, ConnectionState } from '../protocol/events.js';
import type { CommandName, CommandParams, CommandResult } from '../protocol/commands.js';
import type { PushSubscriptionData } from '../protocol/push.js';
import type { Conversation, Invitation, SignalingInfo, SignalingMessage } from '../protocol/types.js';
import type { CancelResult, HistoryResult, InviteResult, OperationResult, QueryInvitationsResult } from '../protocol/wire.js';
import { ChangeRequests } from './ChangeRequests.js';
import { ConnectionTracker } from './ConnectionTracker.js';
import { Emitter } from './Emitter.js';
import { InvitationMirror } from './InvitationMirror.js';
import { isDetachedCall } from './isDetachedCall.js';
import { PageLifecycle } from './PageLifecycle.js';
import { toSubscriptionJSON, type PushSubscriptionInput } from './push/toSubscriptionJSON.js';
import { parseSignalingInfo } from './parseSignalingInfo.js';
import type { InvitationSnapshot } from './putSnapshot.js';
import { requestWithRetry } from './requestWithRetry.js';
import { resyncSession } from './resyncSession.js';
import type { Transport } from './Transport.js';
import type { ActionOptions, CallingInviteOptions, CancelOptions, InviteOptions, RequestOptions, SignalingClientOptions } from './commandOptions.js';

export type { ActionOptions, CallingInviteOptions, CancelOptions, InviteOptions, RequestOptions, SignalingClientOptions } from './commandOptions.js';
export type { PushSubscriptionInput } from './push/toSubscriptionJSON.js';

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
  private serverOffset = 0;
  private markedBusy = false;
  private pushSubscription: PushSubscriptionData | null = null;
  private detachedAtSync: string[] = [];
  private readonly emitter = new Emitter<ClientEventMap>();
  private readonly connection = new ConnectionTracker(this.emitter, () => this.detachedCallIDs);
  private readonly transport: Transport;
  private readonly requestTimeoutMs: number;
  private readonly mirror: InvitationMirror;
  private readonly changes: ChangeRequests;
  private readonly page = new PageLifecycle({
    isDisconnected: () => this.connection.state === 'disconnected',
    leave: () => this.leave('the page was hidden'),
    rejoin: () => void this.connect().catch(() => undefined),
  });

  constructor(options: SignalingClientOptions) {
    this.transport = options.transport;
    this.currentDeviceID = options.deviceID;
    this.currentUserID = options.userID ?? '';
    this.requestTimeoutMs = options.requestTimeoutMs ?? 10_000;
    this.mirror = new InvitationMirror({
      transport: this.transport,
      emitter: this.emitter,
      requestTimeoutMs: this.requestTimeoutMs,
      identity: () => ({ userID: this.currentUserID, deviceID: this.currentDeviceID }),
      answering: (inviteID) => this.changes.answering(inviteID),
    });
    this.changes = new ChangeRequests({
      transport: this.transport,
      connection: this.connection,
      mirror: this.mirror,
      requestTimeoutMs: this.requestTimeoutMs,
      serverNow: () => this.serverNow(),
    });
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
    return this.connection.state;
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
    if (this.connection.state === 'connected') return Promise.resolve();
    this.page.watch(true);
    const done = this.connection.waitForConnect();
    if (this.connection.state === 'disconnected') {
      this.connection.set('connecting');
      this.transport.open({
        onOpen: () => void this.resync(),
        onClose: (willRetry, error) => this.handleClose(willRetry, error),
        onUpdate: (update) => void this.mirror.apply(update, 'push'),
        onMediaSignal: (signal) => void this.mirror.after(() => this.emitter.emit('mediaSignal', signal)),
        onAnswer: (name, ack) => this.changes.mirrorAnswer(name, ack),
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
    this.page.watch(false);
    this.leave('disconnected by the app');
  }

  /** The mirror's snapshot of an invitation, or undefined. */
  getInvitation(inviteID: string): Invitation | undefined {
    return this.mirror.get(inviteID);
  }

  /** Every invitation in the mirror (active and recently ended). */
  getInvitations(): Invitation[] {
    return this.mirror.all();
  }

  /**
   * The mirror as one immutable record by inviteID: the same object until an invitation changes,
   * then a new record that keeps every unchanged invitation (and unchanged user) by reference. It
   * is the one copy: the store and the lists of `ringkit/react` read invitations from it by ID.
   * Pairs with `subscribe` (e.g. React's `useSyncExternalStore(client.subscribe, client.getSnapshot)`).
   * @example const ringing = Object.values(client.getSnapshot()).filter((i) => i.state === 'active')
   */
  getSnapshot = (): InvitationSnapshot => this.mirror.snapshot;

  /**
   * Calls `listener` after every change of `getSnapshot()`, before the change's events are
   * emitted; returns the unsubscribe function.
   * @example const off = client.subscribe(() => render(client.getSnapshot()))
   */
  subscribe = (listener: () => void): (() => void) => this.mirror.subscribe(listener);

  /**
   * Invites one or several users.
   * @example const { inviteID } = await client.invite('bob', { data: JSON.stringify({ room: 'r1' }), timeout: 30 })
   */
  invite(invitees: string | string[], options: InviteOptions = {}): Promise<InviteResult> {
    const list = Array.isArray(invitees) ? invitees : [invitees];
    return this.changes.send('invitation:invite', { ...options, invitees: list });
  }

  /** Invites members of a group; every member sees the invitation's progress. */
  inviteInGroup(groupID: string, invitees: string[], options: InviteOptions = {}): Promise<InviteResult> {
    return this.changes.send('invitation:inviteInGroup', { ...options, groupID, invitees });
  }

  /** Cancels pending invitees (all, or `options.invitees`). Inviter only. */
  cancel(inviteID: string, options: CancelOptions = {}): Promise<CancelResult> {
    return this.changes.send('invitation:cancel', { ...options, inviteID });
  }

  accept(inviteID: string, options: ActionOptions = {}): Promise<OperationResult> {
    return this.changes.answer('invitation:accept', { ...options, inviteID });
  }

  reject(inviteID: string, options: ActionOptions = {}): Promise<OperationResult> {
    return this.changes.answer('invitation:reject', { ...options, inviteID });
  }

  /** Replaces the invitation's data. Inviter only. */
  modify(inviteID: string, data: string, options: RequestOptions = {}): Promise<OperationResult> {
    return this.changes.send('invitation:modify', { ...options, inviteID, data });
  }

  /** Invites more users into an advanced call you are in. */
  callingInvite(inviteID: string, invitees: string[], options: CallingInviteOptions = {}): Promise<InviteResult> {
    return this.changes.send('invitation:callingInvite', { ...options, inviteID, invitees });
  }

  join(inviteID: string, options: ActionOptions = {}): Promise<OperationResult> {
    return this.changes.send('invitation:join', { ...options, inviteID });
  }

  quit(inviteID: string, options: ActionOptions = {}): Promise<OperationResult> {
    return this.changes.send('invitation:quit', { ...options, inviteID });
  }

  end(inviteID: string, options: ActionOptions = {}): Promise<OperationResult> {
    return this.changes.send('invitation:end', { ...options, inviteID });
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
    if (this.mirror.get(info.inviteID)) throw new RingkitError('ALREADY_EXISTS', 'this invitation is already tracked');
    const { invitation, serverTime } = await this.call('invitation:get', { inviteID: info.inviteID });
    if (this.mirror.get(info.inviteID)) throw new RingkitError('ALREADY_EXISTS', 'this invitation is already tracked');
    await this.mirror.apply({ invitation, serverTime }, 'fetch');
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
    if (this.connection.state === 'connected') await this.call('session:busy', { busy });
  }

  /**
   * Relays an opaque media signal (an SDP or ICE message, at most 64 KiB by default) to the device
   * on which user `to` holds their part in the call `inviteID`; it arrives there as a
   * `mediaSignal` event, in the order this device sent it. Both of you must be `accepted` in the
   * active invitation and this must be your device in it, otherwise INVITATION_NOT_FOUND.
   * Resolves once the server has accepted it for relay (not once it was received); never retried.
   * @example await client.sendMediaSignal(inviteID, 'bob', JSON.stringify({ description: pc.localDescription }))
   */
  async sendMediaSignal(inviteID: string, to: string, signal: string): Promise<void> {
    await this.call('media:signal', { inviteID, to, signal });
  }

  /**
   * Stores this device's Web Push subscription on the server (or removes it with null), so the
   * server rings this browser through its service worker while no device of yours is connected
   * (servers started with `webPush`). Takes a `PushSubscription` or its `toJSON()`; the server
   * refuses an endpoint whose host is not on its allow-list (`INVALID_PARAMETER`) and answers
   * `NO_PERMISSION` when it does not send Web Push. The subscription is sent again after every
   * reconnect (a server that lost it gets it back); the browser helpers `enablePushRinging` and
   * `disablePushRinging` call this for you.
   * @example await client.setPushSubscription(await registration.pushManager.subscribe({ userVisibleOnly: true, applicationServerKey }))
   */
  async setPushSubscription(subscription: PushSubscriptionInput | null): Promise<void> {
    const json = subscription === null ? null : (toSubscriptionJSON(subscription) as PushSubscriptionData);
    await this.call('session:pushSubscription', { subscription: json });
    this.pushSubscription = json;
  }

  /** Creates a group you belong to (servers with client groups enabled). */
  createGroup(groupID: string, members: string[] = []): Promise<{ groupID: string }> {
    return this.changes.send('group:create', { groupID, members });
  }

  joinGroup(groupID: string): Promise<{ groupID: string }> {
    return this.changes.send('group:join', { groupID });
  }

  leaveGroup(groupID: string): Promise<{ groupID: string }> {
    return this.changes.send('group:leave', { groupID });
  }

  getGroupMembers(groupID: string): Promise<{ groupID: string; members: string[] }> {
    return this.call('group:members', { groupID });
  }

  // ---- internals ----

  /** Sends `session:leave` (without waiting: the page may be going away) and closes the link. */
  private leave(message: string): void {
    if (this.connection.state === 'connected') void this.transport.request('session:leave', {}, this.requestTimeoutMs).catch(() => undefined);
    this.transport.close();
    this.handleClose(false, { code: 'NOT_CONNECTED', message });
  }

  /** Sends a command that changes nothing (only while connected). */
  private call<N extends CommandName>(name: N, params: CommandParams<N>): Promise<CommandResult<N>> {
    return requestWithRetry(this.transport, this.connection, name, params, { retry: false, timeoutMs: this.requestTimeoutMs });
  }

  private resync(): Promise<void> {
    return resyncSession({
      transport: this.transport,
      requestTimeoutMs: this.requestTimeoutMs,
      mirror: this.mirror,
      connection: this.connection,
      identify: ({ userID, deviceID, serverTime }) => {
        this.currentUserID = userID;
        this.currentDeviceID = deviceID;
        this.serverOffset = serverTime - Date.now();
      },
      markedBusy: () => this.markedBusy,
      pushSubscription: () => this.pushSubscription,
      detached: (inviteIDs) => {
        this.detachedAtSync = inviteIDs;
      },
    });
  }

  /** The link dropped: reconnecting when the transport comes back by itself, else disconnected. */
  private handleClose(willRetry: boolean, error?: { code: string; message: string }): void {
    const state = this.connection.state;
    if (state === 'disconnected') return;
    if (willRetry) {
      if (state !== 'connecting') this.connection.set('reconnecting', error);
      return;
    }
    this.transport.close();
    this.connection.disconnected(error);
  }
}
