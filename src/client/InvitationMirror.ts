import type { ClientEventMap } from '../protocol/events.js';
import { isPending, type CallUser, type Invitation } from '../protocol/types.js';
import type { WireUpdate } from '../protocol/wire.js';
import { deriveEvents } from './deriveEvents.js';
import type { Emitter } from './Emitter.js';
import { mergeUpdate } from './mergeUpdate.js';
import { isNewerSnapshot, MAX_ENDED_INVITATIONS, type InvitationSnapshot } from './putSnapshot.js';
import { shareUsers } from './shareUsers.js';
import type { Transport } from './Transport.js';
import { findUser } from './userIndex.js';

/**
 * Where an update came from: a server push, the handshake's resync, the acknowledgement of my
 * own command, or a fetch (`addInvitedSignaling`).
 * @example mirror.apply(update, 'push')
 */
export type UpdateOrigin = 'push' | 'sync' | 'ack' | 'fetch';

/**
 * What the mirror needs from its client.
 * @example new InvitationMirror({ transport, emitter, requestTimeoutMs: 10_000, identity: () => ({ userID, deviceID }) })
 */
export interface InvitationMirrorOptions {
  transport: Transport;
  emitter: Emitter<ClientEventMap>;
  requestTimeoutMs: number;
  /** Who and where I am now (the server's word once connected). */
  identity(): { userID: string; deviceID: string };
  /**
   * This device's accept or reject of the invitation still waiting for its answer, if any: an
   * answer moves me out of pending on the server, so it stands in for the receipt.
   */
  answering?(inviteID: string): Promise<unknown> | undefined;
}

/**
 * The one copy of every invitation the client is involved in: an immutable snapshot record
 * (`putSnapshot`: version-guarded, users shared, the oldest ended dropped beyond 500) that the
 * store and the lists read by inviteID. Updates apply one at a time, in order; each replaces the
 * record, tells the subscribers, then turns into the events of docs/protocol.md section 5 and,
 * for an invitation ringing for me, the receipt (`invitation:received`).
 * @example await mirror.apply({ invitation, serverTime }, 'push'); mirror.snapshot[invitation.inviteID]
 */
export class InvitationMirror {
  /** The invitations by inviteID (in the order first seen), as `putSnapshot` would keep them. */
  private readonly invitations = new Map<string, Invitation>();
  /** The ended ones by the time they ended (`endTime`, else `createTime`), oldest first. */
  private readonly endedOrder: { inviteID: string; at: number }[] = [];
  /**
   * The immutable record of `invitations`, built when first read after a change: a client that
   * nobody reads the record of (a headless one) does not copy hundreds of entries per update.
   */
  private record: InvitationSnapshot | undefined = {};
  private readonly listeners = new Set<() => void>();
  /**
   * inviteID → the version of my pending part this device acknowledged (`inviteID:version`): one
   * receipt per ring. Forgotten when the invitation ends, so a client that rings all day does not
   * keep a key per call it was ever rung for.
   */
  private readonly acknowledged = new Map<string, string>();
  private applying: Promise<void> = Promise.resolve();
  private readonly wants = (name: keyof ClientEventMap) => this.options.emitter.has(name);

  constructor(private readonly options: InvitationMirrorOptions) {}

  /** The current record (the same object until an invitation changes). */
  get snapshot(): InvitationSnapshot {
    return (this.record ??= Object.fromEntries(this.invitations));
  }

  get(inviteID: string): Invitation | undefined {
    return this.invitations.get(inviteID);
  }

  all(): Invitation[] {
    return [...this.invitations.values()];
  }

  /** Calls `listener` after every change of the record (before its events); returns the unsubscribe. */
  subscribe(listener: () => void): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  /** The version of every active invitation (what the handshake tells the server it knows). */
  activeVersions(): Record<string, number> {
    const known: Record<string, number> = {};
    for (const inv of this.invitations.values()) if (inv.state === 'active') known[inv.inviteID] = inv.version;
    return known;
  }

  /** Brings the mirror to the update's version (after the updates queued before it) and emits what changed. */
  apply(update: WireUpdate, origin: UpdateOrigin): Promise<void> {
    return this.enqueue(() => this.applyWire(update, origin));
  }

  /**
   * Runs `task` once the updates queued before it are applied (a media signal is handed to the app
   * after the updates that came before it, so the mirror already shows what its sender saw).
   */
  after(task: () => void): Promise<void> {
    return this.enqueue(async () => task());
  }

  /** Applies a handshake's updates, then ends the invitations the server no longer knows. */
  applySync(updates: readonly WireUpdate[], unknown: readonly string[], serverTime: number): Promise<void> {
    return this.enqueue(async () => {
      for (const update of updates) await this.applyWire(update, 'sync');
      for (const id of unknown) await this.endLost(id, serverTime);
    });
  }

  private enqueue(task: () => Promise<void>): Promise<void> {
    const run = this.applying.then(task, task);
    this.applying = run.catch(() => undefined);
    return run;
  }

  private async applyWire(update: WireUpdate, origin: UpdateOrigin): Promise<void> {
    const { transport, emitter, requestTimeoutMs } = this.options;
    const id = update.invitation.inviteID;
    const prev = this.invitations.get(id);
    if (!isNewerSnapshot(prev, update.invitation)) return;
    let next = mergeUpdate(prev, update);
    const fromDelta = next !== undefined && update.baseVersion !== undefined;
    if (!next && origin === 'ack') return; // the push of this change brings what the mirror lacks
    if (!next) {
      const fetched = await transport.request('invitation:get', { inviteID: id }, requestTimeoutMs).catch(() => undefined);
      if (!fetched?.ok) return;
      next = fetched.result.invitation;
      if (!isNewerSnapshot(prev, next)) return;
    }
    this.put(next, fromDelta ? update.invitation.users : undefined);
    next = this.invitations.get(id) ?? next; // with the users it shares with prev
    for (const listener of [...this.listeners]) {
      try {
        listener();
      } catch (error) {
        queueMicrotask(() => {
          throw error;
        });
      }
    }
    const { userID, deviceID } = this.options.identity();
    const events = deriveEvents(prev, next, {
      self: userID,
      deviceID,
      missed: update.missed === true,
      serverTime: update.serverTime,
      wants: this.wants,
      ...(fromDelta && { candidates: update.invitation.users }),
    });
    for (const [name, payload] of events) emitter.emit(name, payload as never);
    // After the events: an app that answers as soon as it rings sends its answer first, so the
    // answer does not wait behind the receipt (which then changes nothing).
    this.acknowledgeReceipt(next, origin);
  }

  /**
   * `putSnapshot` on the mirror's own map: keeps `incoming` (newer, as checked) sharing unchanged
   * users with the held copy, and drops the oldest ended invitations beyond
   * `MAX_ENDED_INVITATIONS` without sorting them all again.
   */
  private put(incoming: Invitation, candidates?: Invitation['users']): void {
    const held = this.invitations.get(incoming.inviteID);
    this.invitations.set(incoming.inviteID, shareUsers(held, incoming, candidates));
    this.record = undefined;
    if (incoming.state !== 'ended' || held?.state === 'ended') return;
    this.acknowledged.delete(incoming.inviteID);
    const at = incoming.endTime ?? incoming.createTime;
    let i = this.endedOrder.length;
    while (i > 0 && this.endedOrder[i - 1]!.at > at) i--;
    this.endedOrder.splice(i, 0, { inviteID: incoming.inviteID, at });
    while (this.endedOrder.length > MAX_ENDED_INVITATIONS) this.invitations.delete(this.endedOrder.shift()!.inviteID);
  }

  /**
   * An invitation the server no longer knows (its memory was lost): end it here so nothing rings
   * for a dead call. Everyone still pending ends too (timed out when their deadline has passed,
   * else cancelled), so a ringing device hears `invitationCancelled` or `invitationTimeout`.
   */
  private async endLost(inviteID: string, serverTime: number): Promise<void> {
    const prev = this.invitations.get(inviteID);
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
  private acknowledgeReceipt(inv: Invitation, origin: UpdateOrigin): void {
    const mine = findUser(inv.users, this.options.identity().userID);
    if (origin === 'ack' || inv.state !== 'active' || !mine) return;
    if (mine.state !== 'inviting' && mine.state !== 'notYetReceived') return;
    const key = `${inv.inviteID}:${mine.version}`;
    if (this.acknowledged.get(inv.inviteID) === key) return;
    this.acknowledged.set(inv.inviteID, key);
    const answer = this.options.answering?.(inv.inviteID);
    // The app answered as it rang (an auto-answer): the answer is the receipt; only a failed one
    // leaves me pending, and then the receipt goes after it.
    if (answer) return void answer.catch(() => this.sendReceipt(inv.inviteID, key));
    this.sendReceipt(inv.inviteID, key);
  }

  /** Lets the receipt `key` of `inviteID` be sent again (its sending failed, or its update did not come). */
  private forgetReceipt(inviteID: string, key: string): void {
    if (this.acknowledged.get(inviteID) === key) this.acknowledged.delete(inviteID);
  }

  /** How many invitations hold a receipt key (for tests: it stays bounded by the active ones). */
  get acknowledgedCount(): number {
    return this.acknowledged.size;
  }

  /** Sends the receipt while I am still pending in the mirror's copy. */
  private sendReceipt(inviteID: string, key: string): void {
    const inv = this.invitations.get(inviteID);
    const mine = inv && findUser(inv.users, this.options.identity().userID);
    if (!inv || inv.state !== 'active' || (mine?.state !== 'inviting' && mine?.state !== 'notYetReceived')) return;
    const { transport, requestTimeoutMs } = this.options;
    if (!transport.notify) {
      void transport.request('invitation:received', { inviteID }, requestTimeoutMs).catch(() => this.forgetReceipt(inviteID, key));
      return;
    }
    // Without an acknowledgement (one packet fewer for every member of a class): the update that
    // moves me to `received` is the answer. If none came within the request timeout, send it again.
    if (!transport.notify('invitation:received', { inviteID })) return void this.forgetReceipt(inviteID, key);
    const retry = setTimeout(() => {
      this.forgetReceipt(inviteID, key);
      const current = this.invitations.get(inviteID);
      if (current) this.acknowledgeReceipt(current, 'push');
    }, requestTimeoutMs);
    (retry as { unref?: () => void }).unref?.();
  }
}
