import type { ClientEventMap } from '../protocol/events.js';
import { isPending, type CallUser, type Invitation } from '../protocol/types.js';
import type { WireUpdate } from '../protocol/wire.js';
import { deriveEvents, type DeriveContext } from './deriveEvents.js';
import type { Emitter } from './Emitter.js';
import { mergeUpdate } from './mergeUpdate.js';
import { isNewerSnapshot, MAX_ENDED_INVITATIONS, type InvitationSnapshot } from './putSnapshot.js';
import { shareUsers } from './shareUsers.js';
import type { Transport } from './Transport.js';
import { findUser } from './userIndex.js';

/**
 * What `InvitationMirror.apply` returns for an update it applied at once (a settled promise): a
 * caller that must wait for the update need not wait a microtask for it.
 * @example const applying = mirror.apply(update, 'ack'); if (applying !== APPLIED) await applying
 */
export const APPLIED: Promise<void> = Promise.resolve();
/** `applyKnown`'s word for a delta on a version the mirror lacks. */
const NEEDS_FETCH = 1;

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
  /**
   * The ended ones by the time they ended (`endTime`, else `createTime`), oldest first: their
   * inviteIDs and, at the same index, their times (two arrays, no object per ended call kept).
   */
  private readonly endedIDs: string[] = [];
  private readonly endedAt: number[] = [];
  /** How many of `endedIDs`' first entries are already dropped (a queue: shifting 500 entries per ended call costs more). */
  private endedDropped = 0;
  /**
   * The immutable record of `invitations`, built when first read after a change: a client that
   * nobody reads the record of (a headless one) does not copy hundreds of entries per update.
   */
  private record: InvitationSnapshot | undefined = {};
  private readonly listeners = new Set<() => void>();
  /**
   * inviteID → the version of my pending part this device acknowledged: one
   * receipt per ring. Forgotten when the invitation ends, so a client that rings all day does not
   * keep a key per call it was ever rung for.
   */
  private readonly acknowledged = new Map<string, number>();
  private applying: Promise<void> = APPLIED;
  /** Tasks queued and not yet finished: while there are any, an update waits its turn behind them. */
  private queued = 0;
  /** An update is being applied right now (an event handler that brings another one queues it). */
  private running = false;
  private readonly dequeue = () => void this.queued--;
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

  /**
   * Brings the mirror to the update's version (after the updates queued before it) and emits what
   * changed. With nothing queued and nothing being applied, an update that needs no fetch is
   * applied at once, in the caller's turn (no promise, no microtask: a 1v1 call's four updates per
   * cycle each cost a few promises otherwise); the order is the same, the queue's.
   */
  apply(update: WireUpdate, origin: UpdateOrigin): Promise<void> {
    if (this.queued > 0 || this.running) return this.enqueue(() => this.applyWire(update, origin));
    this.running = true;
    try {
      if (this.applyKnown(update, origin) === NEEDS_FETCH) return this.enqueue(() => this.applyWire(update, origin));
      return APPLIED;
    } catch (error) {
      return Promise.reject(error);
    } finally {
      this.running = false;
    }
  }

  /**
   * Runs `task` once the updates queued before it are applied (a media signal is handed to the app
   * after the updates that came before it, so the mirror already shows what its sender saw): at
   * once when none is.
   */
  after(task: () => void): Promise<void> {
    if (this.queued > 0 || this.running) return this.enqueue(async () => task());
    this.running = true;
    try {
      task();
      return APPLIED;
    } catch (error) {
      return Promise.reject(error);
    } finally {
      this.running = false;
    }
  }

  /** Applies a handshake's updates, then ends the invitations the server no longer knows. */
  applySync(updates: readonly WireUpdate[], unknown: readonly string[], serverTime: number): Promise<void> {
    return this.enqueue(async () => {
      for (const update of updates) await this.applyWire(update, 'sync');
      for (const id of unknown) await this.endLost(id, serverTime);
    });
  }

  private enqueue(task: () => Promise<void>): Promise<void> {
    this.queued++;
    const run = this.applying.then(task, task);
    this.applying = run.then(this.dequeue, this.dequeue);
    return run;
  }

  /** `applyKnown`, then, for a delta the mirror is too old for, the fetch of the whole invitation. */
  private async applyWire(update: WireUpdate, origin: UpdateOrigin): Promise<void> {
    if (this.applyKnown(update, origin) !== NEEDS_FETCH) return;
    const { transport, requestTimeoutMs } = this.options;
    const id = update.invitation.inviteID;
    const fetched = await transport.request('invitation:get', { inviteID: id }, requestTimeoutMs).catch(() => undefined);
    if (!fetched?.ok) return;
    const prev = this.invitations.get(id);
    if (isNewerSnapshot(prev, fetched.result.invitation)) this.change(prev, fetched.result.invitation, undefined, update, origin);
  }

  /**
   * Applies an update the mirror can apply as it is: a snapshot, or a delta on the version it holds.
   * Returns NEEDS_FETCH for a delta on a version the mirror lacks (not for an answer: the push of
   * that change brings what the mirror lacks).
   */
  private applyKnown(update: WireUpdate, origin: UpdateOrigin): typeof NEEDS_FETCH | undefined {
    const prev = this.invitations.get(update.invitation.inviteID);
    if (!isNewerSnapshot(prev, update.invitation)) return undefined;
    const next = mergeUpdate(prev, update);
    if (next) this.change(prev, next, update.baseVersion !== undefined ? update.invitation.users : undefined, update, origin);
    else if (origin !== 'ack') return NEEDS_FETCH;
    return undefined;
  }

  /** Puts `next` (newer than `prev`, checked) in the mirror, tells the subscribers, emits its events, then sends the receipt. */
  private change(prev: Invitation | undefined, incoming: Invitation, candidates: Invitation['users'] | undefined, update: WireUpdate, origin: UpdateOrigin): void {
    const next = this.put(prev, incoming, candidates); // with the users it shares with prev
    if (this.listeners.size > 0) {
      for (const listener of [...this.listeners]) {
        try {
          listener();
        } catch (error) {
          queueMicrotask(() => {
            throw error;
          });
        }
      }
    }
    const { userID, deviceID } = this.options.identity();
    const context: DeriveContext = { self: userID, deviceID, missed: update.missed === true, serverTime: update.serverTime, wants: this.wants };
    if (candidates) context.candidates = candidates;
    const events = deriveEvents(prev, next, context);
    const { emitter } = this.options;
    for (let i = 0; i < events.length; i++) emitter.emit(events[i]![0], events[i]![1] as never);
    // After the events: an app that answers as soon as it rings sends its answer first, so the
    // answer does not wait behind the receipt (which then changes nothing).
    this.acknowledgeReceipt(next, origin, userID);
  }

  /**
   * `putSnapshot` on the mirror's own map: keeps `incoming` (newer than `held`, as checked)
   * sharing unchanged users with the held copy, and drops the oldest ended invitations beyond
   * `MAX_ENDED_INVITATIONS` without sorting them all again. Returns the copy kept.
   */
  private put(held: Invitation | undefined, incoming: Invitation, candidates?: Invitation['users']): Invitation {
    const stored = shareUsers(held, incoming, candidates);
    this.invitations.set(incoming.inviteID, stored);
    this.record = undefined;
    if (incoming.state !== 'ended' || held?.state === 'ended') return stored;
    if (this.acknowledged.size > 0) this.acknowledged.delete(incoming.inviteID);
    const at = incoming.endTime ?? incoming.createTime;
    const ids = this.endedIDs;
    const ats = this.endedAt;
    let i = ats.length;
    while (i > this.endedDropped && ats[i - 1]! > at) i--;
    if (i === ats.length) {
      ids.push(incoming.inviteID);
      ats.push(at);
    } else {
      ids.splice(i, 0, incoming.inviteID);
      ats.splice(i, 0, at);
    }
    while (ids.length - this.endedDropped > MAX_ENDED_INVITATIONS) this.invitations.delete(ids[this.endedDropped++]!);
    if (this.endedDropped >= MAX_ENDED_INVITATIONS) {
      ids.splice(0, this.endedDropped);
      ats.splice(0, this.endedDropped);
      this.endedDropped = 0;
    }
    return stored;
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
  private acknowledgeReceipt(inv: Invitation, origin: UpdateOrigin, userID = this.options.identity().userID): void {
    if (origin === 'ack' || inv.state !== 'active') return;
    const mine = findUser(inv.users, userID);
    if (!mine) return;
    if (mine.state !== 'inviting' && mine.state !== 'notYetReceived') return;
    const key = mine.version;
    if (this.acknowledged.get(inv.inviteID) === key) return;
    this.acknowledged.set(inv.inviteID, key);
    const answer = this.options.answering?.(inv.inviteID);
    // The app answered as it rang (an auto-answer): the answer is the receipt; only a failed one
    // leaves me pending, and then the receipt goes after it.
    if (answer) return void answer.catch(() => this.sendReceipt(inv.inviteID, key));
    this.sendReceipt(inv.inviteID, key);
  }

  /** Lets the receipt of `inviteID` for my part's version `key` be sent again (its sending failed, or its update did not come). */
  private forgetReceipt(inviteID: string, key: number): void {
    if (this.acknowledged.get(inviteID) === key) this.acknowledged.delete(inviteID);
  }

  /** How many invitations hold a receipt key (for tests: it stays bounded by the active ones). */
  get acknowledgedCount(): number {
    return this.acknowledged.size;
  }

  /** Sends the receipt while I am still pending in the mirror's copy. */
  private sendReceipt(inviteID: string, key: number): void {
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
