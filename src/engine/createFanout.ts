import type { CallUser, Invitation } from '../protocol/types.js';
import type { WireUpdate } from '../protocol/wire.js';
import type { Clock } from './clock.js';
import { SMALL_AUDIENCE } from './smallAudience.js';

/**
 * Delivers one update to every device of the given users (socket.io rooms, loopback, …), except
 * the connection `answeredWhole`, whose request's answer already carried this very invitation
 * (a delivery may still send it there: the client ignores a version it holds). A delivery that
 * writes over time (a large audience written a slice at a time) returns a promise that settles
 * once it is written: changes arriving meanwhile are merged into the next update.
 */
export type Deliver = (userIDs: string[], update: WireUpdate, answeredWhole?: string) => void | Promise<void>;

/**
 * Delivers one update to every device of a group's members plus the given users, through one
 * group room (the socket.io server), instead of a union of a thousand user rooms.
 * @example const deliverToGroup: DeliverToGroup = (groupID, users, update) => io.to([`group:${groupID}`, ...users.map(room)]).emit(UPDATE_EVENT, update)
 */
export type DeliverToGroup = (groupID: string, userIDs: string[], update: WireUpdate) => void | Promise<void>;

/**
 * How long a change to an invitation with `recipients` recipients may wait to be merged with
 * the changes after it (ms); 0 sends at once.
 * @example const policy: CoalescePolicy = adaptiveWindow(100)
 */
export type CoalescePolicy = (recipients: number) => number;

/** Who hears about one change: users, and all members of a group when `groupID` is set. */
export interface FanoutChange {
  invitation: Invitation;
  /** The version before this change. */
  baseVersion: number;
  /** Users to deliver to one by one (with `groupID`: those not reached through the group). */
  recipients: Iterable<string>;
  /** Set when every member of this group hears the change (delivered through the group). */
  groupID?: string;
  /** How many users hear the change (default: the size of `recipients`). */
  recipientCount?: number;
  /** The users this change touched (default: those of `invitation` newer than `baseVersion`). */
  changedUsers?: CallUser[];
  /** The connection whose answer carried this whole invitation: it needs no update of it. */
  answeredWhole?: string;
}

interface Entry {
  invitation: Invitation;
  /** The version before this change. */
  baseVersion: number;
  recipients: string[];
  groupID: string | undefined;
  changedUsers: CallUser[];
  answeredWhole: string | undefined;
}

interface Batch {
  baseVersion: number;
  changes: Entry[];
  timer?: unknown;
  /** When the timer fires (clock time). */
  sendAt: number;
  /** The window has passed (the batch goes as soon as the invitation's previous update is written). */
  due: boolean;
}

/**
 * The default coalescing policy: small audiences get every change at once; larger ones wait up
 * to 0.1 ms per recipient (20 ms for 200, 100 ms for 1,000), never more than `maxMs`. Sending to
 * many costs a write per recipient, so merging pays more the larger the audience.
 * @example createFanout(clock, adaptiveWindow(100), deliver)
 */
export function adaptiveWindow(maxMs: number): CoalescePolicy {
  return (recipients) => (recipients <= SMALL_AUDIENCE ? 0 : Math.min(maxMs, recipients / 10));
}

/**
 * Coalesces changes per invitation (docs/protocol.md section 5): a new invitation goes out at
 * once; a change waits out the window of the last update sent (a whole window after a quiet
 * spell), and the changes arriving meanwhile are merged with it. The
 * window is fixed (a number) or chosen per change by a `CoalescePolicy`. At the end of the
 * window each recipient gets one delta update — the newest snapshot among the changes it was a
 * recipient of (never a later one), with only the users changed since the batch's base. Group
 * members hear the newest change through one group delivery when `deliverToGroup` is given.
 * While the previous update of a held-back invitation is still being written (a delivery that
 * returned a promise), the changes after it keep merging: they could not reach anyone sooner,
 * since each device gets an invitation's updates in order, and one update instead of several
 * saves every member a packet (a class of 1,000 on a busy machine writes for 100 ms–1 s).
 * @example const fanout = createFanout(systemClock, adaptiveWindow(100), (users, update) => io.to(rooms(users)).emit(...))
 */
export function createFanout(clock: Clock, window: number | CoalescePolicy, deliver: Deliver, deliverToGroup?: DeliverToGroup, receiptWindowMs?: number) {
  const policy: CoalescePolicy = typeof window === 'number' ? () => window : window;
  /**
   * The window of one change. A change that only says users got the invitation (receipts, which
   * a class sends all at once while its ring is still being read) waits `receiptWindowMs` when the
   * audience is held back at all: the ring, not the receipts, is what the members' devices should
   * spend their time on. An answer joining such a batch brings the send forward to its own window.
   */
  const windowFor = (recipients: number, entry: Entry, inv: Invitation): number => {
    const windowMs = policy(recipients);
    const receiptsOnly = inv.state === 'active' && entry.changedUsers.length > 0 && entry.changedUsers.every((u) => u.state === 'received');
    return windowMs > 0 && receiptsOnly && receiptWindowMs !== undefined ? Math.max(windowMs, receiptWindowMs) : windowMs;
  };
  const pending = new Map<string, Batch>();
  const lastSent = new Map<string, number>();
  /** Per invitation, the deliveries of its last update still being written. */
  const writing = new Map<string, Promise<unknown>>();

  /** Sends a batch whose window has passed, unless the invitation's previous update is still being written. */
  function sendWhenWritten(inviteID: string, batch: Batch) {
    batch.due = true;
    if (!writing.has(inviteID)) send(inviteID, batch);
  }

  /** (Re)sets the batch's timer to fire in `wait` ms. */
  function schedule(inviteID: string, batch: Batch, wait: number) {
    if (batch.timer !== undefined) clock.clearTimeout(batch.timer);
    batch.sendAt = clock.now() + wait;
    batch.timer = clock.setTimeout(() => sendWhenWritten(inviteID, batch), wait);
  }

  function send(inviteID: string, batch: Batch) {
    pending.delete(inviteID);
    lastSent.set(inviteID, clock.now());
    const { changes, baseVersion } = batch;
    const only = changes.length === 1 ? changes[0]! : undefined;
    if (only && only.groupID === undefined) {
      // One change told by name (a 1v1 call's): its delta as it is, with no merging.
      if (only.invitation.state === 'ended') lastSent.delete(inviteID);
      if (only.recipients.length === 0) return;
      // A batch of one change has that change's base: no gap for another node's change to fall in.
      // Every user changed (an invite, a 1v1 answer): the committed invitation itself, no copy, and its
      // JSON is the one the change's answer carries (the server encodes it once for both).
      const invitation = sameUsers(only.changedUsers, only.invitation.users) ? only.invitation : { ...only.invitation, users: only.changedUsers };
      const update: WireUpdate = { invitation, baseVersion, serverTime: clock.now() };
      track(inviteID, only.answeredWhole !== undefined ? deliver(only.recipients, update, only.answeredWhole) : deliver(only.recipients, update));
      return;
    }
    const deliveries: Promise<void>[] = [];
    const lastChangeOf = new Map<string, number>();
    let groupIndex = -1;
    changes.forEach((change, index) => {
      for (const userID of change.recipients) lastChangeOf.set(userID, index);
      if (change.groupID !== undefined) groupIndex = index;
    });
    const byChange: string[][] = changes.map(() => []);
    for (const [userID, index] of lastChangeOf) byChange[index]!.push(userID);
    const users = new Map<string, CallUser>();
    // A delta from the batch's base holds every change since only while the batch's versions
    // follow one another. With several nodes, another node's change to the invitation can fall
    // between two of this node's (it reaches the devices in that node's update): from the first
    // gap on, each update is the whole invitation, or a device would skip that change for good.
    let next = baseVersion;
    let whole = false;
    changes.forEach((change, index) => {
      if (change.baseVersion !== next) whole = true;
      next = change.invitation.version;
      for (const user of change.changedUsers) users.set(user.userID, user);
      const recipients = byChange[index]!;
      const viaGroup = index === groupIndex ? change.groupID : undefined;
      if (recipients.length === 0 && viaGroup === undefined) return;
      const update: WireUpdate = whole ? { invitation: change.invitation, serverTime: clock.now() } : { invitation: { ...change.invitation, users: [...users.values()] }, baseVersion, serverTime: clock.now() };
      const written =
        viaGroup !== undefined && deliverToGroup
          ? deliverToGroup(viaGroup, recipients, update)
          : changes.length === 1 && change.answeredWhole !== undefined
            ? deliver(recipients, update, change.answeredWhole)
            : deliver(recipients, update);
      if (written) deliveries.push(written);
    });
    if (changes[changes.length - 1]?.invitation.state === 'ended') lastSent.delete(inviteID);
    track(inviteID, ...deliveries);
  }

  /** Holds the invitation's next batch back until these deliveries are written (see `sendWhenWritten`). */
  function track(inviteID: string, ...deliveries: (void | Promise<void>)[]) {
    const written = deliveries.filter((d): d is Promise<void> => d !== undefined);
    if (written.length === 0) return;
    const done: Promise<unknown> = Promise.allSettled(written).then(() => {
      if (writing.get(inviteID) !== done) return;
      writing.delete(inviteID);
      const next = pending.get(inviteID);
      if (next?.due) send(inviteID, next);
    });
    writing.set(inviteID, done);
  }

  return {
    publish(change: FanoutChange): void {
      const inv = change.invitation;
      const recipients = [...change.recipients];
      const entry: Entry = {
        invitation: inv,
        baseVersion: change.baseVersion,
        recipients,
        groupID: change.groupID,
        changedUsers: change.changedUsers ?? inv.users.filter((u) => u.version > change.baseVersion),
        answeredWhole: change.answeredWhole,
      };
      const windowMs = windowFor(change.recipientCount ?? recipients.length, entry, inv);
      // A change waits out the window of the last update, or a whole window when it is the first
      // change after a quiet spell (a burst is about to follow).
      const since = clock.now() - (lastSent.get(inv.inviteID) ?? -Infinity);
      const wait = since >= windowMs ? windowMs : windowMs - since;
      const batch = pending.get(inv.inviteID);
      if (batch) {
        batch.baseVersion = Math.min(batch.baseVersion, change.baseVersion);
        const last = batch.changes[batch.changes.length - 1]!;
        batch.changes.push(entry);
        if (last.invitation.version > inv.version) batch.changes.sort((a, b) => a.invitation.version - b.invitation.version);
        if (!batch.due && clock.now() + wait < batch.sendAt) schedule(inv.inviteID, batch, wait);
        return;
      }
      const fresh: Batch = { baseVersion: change.baseVersion, changes: [entry], due: false, sendAt: 0 };
      if (windowMs <= 0) return send(inv.inviteID, fresh);
      pending.set(inv.inviteID, fresh);
      // A new invitation rings at once.
      if (change.baseVersion === 0) return sendWhenWritten(inv.inviteID, fresh);
      schedule(inv.inviteID, fresh, wait);
    },
    /** Sends everything still waiting (on shutdown). */
    flush(): void {
      for (const [id, batch] of [...pending]) {
        clock.clearTimeout(batch.timer);
        send(id, batch);
      }
    },
  };
}

/** Whether two user lists hold the same objects in the same order. */
function sameUsers(a: readonly CallUser[], b: readonly CallUser[]): boolean {
  if (a.length !== b.length) return false;
  for (let i = 0; i < a.length; i++) if (a[i] !== b[i]) return false;
  return true;
}
