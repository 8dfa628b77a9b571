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

/**
 * Coalesces changes per invitation (PROTOCOL.md section 5): the first change after a quiet
 * window goes out at once; changes arriving within `windowMs` of the last send are merged into
 * one delta update (the latest snapshot's fields, only the users whose `version` is newer than
 * the batch's base)
 * sent to the union of their recipients.
 * @example const fanout = createFanout(systemClock, 50, (users, update) => io.to(rooms(users)).emit(...))
 */
export function createFanout(clock: Clock, windowMs: number, deliver: Deliver) {
  interface Batch {
    invitation: Invitation;
    baseVersion: number;
    recipients: Set<string>;
    timer?: unknown;
  }
  const pending = new Map<string, Batch>();
  const lastSent = new Map<string, number>();

  function send(batch: Batch) {
    const { invitation } = batch;
    pending.delete(invitation.inviteID);
    lastSent.set(invitation.inviteID, clock.now());
    const users = invitation.users.filter((u) => u.version > batch.baseVersion);
    deliver([...batch.recipients], {
      invitation: { ...invitation, users },
      baseVersion: batch.baseVersion,
      serverTime: clock.now(),
    });
    if (invitation.state === 'ended') lastSent.delete(invitation.inviteID);
  }

  return {
    publish(change: FanoutChange): void {
      const id = change.invitation.inviteID;
      const batch = pending.get(id);
      if (batch) {
        if (change.invitation.version > batch.invitation.version) batch.invitation = change.invitation;
        batch.baseVersion = Math.min(batch.baseVersion, change.baseVersion);
        for (const u of change.recipients) batch.recipients.add(u);
        return;
      }
      const fresh: Batch = {
        invitation: change.invitation,
        baseVersion: change.baseVersion,
        recipients: new Set(change.recipients),
      };
      const since = clock.now() - (lastSent.get(id) ?? -Infinity);
      if (windowMs <= 0 || since >= windowMs) return send(fresh);
      fresh.timer = clock.setTimeout(() => send(fresh), windowMs - since);
      pending.set(id, fresh);
    },
    /** Sends everything still waiting (on shutdown). */
    flush(): void {
      for (const batch of [...pending.values()]) {
        clock.clearTimeout(batch.timer);
        send(batch);
      }
    },
  };
}

/** The fan-out's interface. */
export type Fanout = ReturnType<typeof createFanout>;
