import type { Invitation } from '../protocol/types.js';
import type { WireUpdate } from '../protocol/wire.js';
import type { Clock } from './clock.js';

/** Delivers one update to every device of the given users (socket.io rooms, loopback, …). */
export type Deliver = (userIDs: string[], update: WireUpdate) => void;

/** One committed change handed to the fan-out. */
export interface FanoutChange {
  invitation: Invitation;
  /** The version before this change. */
  baseVersion: number;
  recipients: Iterable<string>;
}

interface Batch {
  baseVersion: number;
  changes: { invitation: Invitation; recipients: Set<string> }[];
  timer?: unknown;
}

/**
 * Coalesces changes per invitation (PROTOCOL.md section 5): the first change after a quiet
 * window goes out at once; changes arriving within `windowMs` of the last send are merged. At the
 * end of the window each recipient gets one delta update — the newest snapshot among the changes
 * it was a recipient of (never a later one), with only the users whose `version` is newer than
 * the batch's base. In a class burst every member hears every change, so one update goes out.
 * @example const fanout = createFanout(systemClock, 50, (users, update) => io.to(rooms(users)).emit(...))
 */
export function createFanout(clock: Clock, windowMs: number, deliver: Deliver) {
  const pending = new Map<string, Batch>();
  const lastSent = new Map<string, number>();

  function send(inviteID: string, batch: Batch) {
    pending.delete(inviteID);
    lastSent.set(inviteID, clock.now());
    const lastChangeOf = new Map<string, number>();
    batch.changes.forEach((change, index) => {
      for (const userID of change.recipients) lastChangeOf.set(userID, index);
    });
    batch.changes.forEach(({ invitation }, index) => {
      const recipients = [...lastChangeOf].filter(([, last]) => last === index).map(([userID]) => userID);
      if (recipients.length === 0) return;
      const users = invitation.users.filter((u) => u.version > batch.baseVersion);
      deliver(recipients, { invitation: { ...invitation, users }, baseVersion: batch.baseVersion, serverTime: clock.now() });
    });
    const newest = batch.changes[batch.changes.length - 1]?.invitation;
    if (newest?.state === 'ended') lastSent.delete(inviteID);
  }

  return {
    publish(change: FanoutChange): void {
      const id = change.invitation.inviteID;
      const entry = { invitation: change.invitation, recipients: new Set(change.recipients) };
      const batch = pending.get(id);
      if (batch) {
        batch.baseVersion = Math.min(batch.baseVersion, change.baseVersion);
        batch.changes.push(entry);
        batch.changes.sort((a, b) => a.invitation.version - b.invitation.version);
        return;
      }
      const fresh: Batch = { baseVersion: change.baseVersion, changes: [entry] };
      const since = clock.now() - (lastSent.get(id) ?? -Infinity);
      if (windowMs <= 0 || since >= windowMs) return send(id, fresh);
      fresh.timer = clock.setTimeout(() => send(id, fresh), windowMs - since);
      pending.set(id, fresh);
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
