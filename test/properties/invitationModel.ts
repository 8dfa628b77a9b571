import { isPending, isTerminal, type CallUserState, type InvitationMode } from '../../src/protocol/types.js';

/** One user of a modelled invitation. */
export interface ModelUser {
  state: CallUserState;
  deadline?: number;
  deviceID?: string;
}

/** A modelled invitation: only what PROTOCOL.md says the states are. */
export interface ModelInvitation {
  inviteID: string;
  inviter: string;
  mode: InvitationMode;
  groupID?: string;
  onlineUserOnly: boolean;
  data: string;
  state: 'active' | 'ended';
  users: Map<string, ModelUser>;
  /** Invitees offline when an onlineUserOnly invitation was made: they must never hear of it. */
  offlineAtInvite: Set<string>;
}

/** A step's predicted outcome: ok (and whether the invitation changed) or the error code. */
export type Outcome = { ok: true; changed: boolean } | { ok: false; code: string };

const ok = (changed: boolean): Outcome => ({ ok: true, changed });
const err = (code: string): Outcome => ({ ok: false, code });

/**
 * A small sequential model of PROTOCOL.md sections 4 and 6 (states, permissions, timeouts,
 * the inviter's grace period), written from the contract rather than from the engine, for
 * property tests: the engine and the model must agree after every step.
 */
export class InvitationModel {
  now: number;
  readonly invitations = new Map<string, ModelInvitation>();
  readonly devices = new Map<string, Set<string>>();
  /** When each user's grace period ends (their last device left). */
  readonly gone = new Map<string, number>();
  /** When each device's grace period ends, by `[userID, deviceID]` JSON (the device left). */
  readonly deviceGone = new Map<string, number>();

  constructor(
    start: number,
    readonly groupID: string,
    readonly groupMembers: ReadonlySet<string>,
    readonly graceMs: number,
  ) {
    this.now = start;
  }

  isOnline(userID: string): boolean {
    return (this.devices.get(userID)?.size ?? 0) > 0;
  }

  canSee(inv: ModelInvitation, userID: string): boolean {
    if (inv.offlineAtInvite.has(userID)) return false;
    return inv.inviter === userID || inv.users.has(userID) || (inv.groupID !== undefined && this.groupMembers.has(userID));
  }

  connect(userID: string, deviceID: string): void {
    let set = this.devices.get(userID);
    if (!set) this.devices.set(userID, (set = new Set()));
    set.add(deviceID);
    this.gone.delete(userID);
    this.deviceGone.delete(JSON.stringify([userID, deviceID]));
  }

  disconnect(userID: string, deviceID: string): void {
    const set = this.devices.get(userID);
    set?.delete(deviceID);
    this.deviceGone.set(JSON.stringify([userID, deviceID]), this.now + this.graceMs);
    if (set && set.size === 0) {
      this.devices.delete(userID);
      this.gone.set(userID, this.now + this.graceMs);
    }
  }

  invite(inviteID: string, inviter: string, deviceID: string, invitees: string[], o: { mode: InvitationMode; timeout: number; onlineUserOnly: boolean; group: boolean }): Outcome {
    let valid = invitees;
    if (o.group) {
      if (!this.groupMembers.has(inviter)) return err('NOT_GROUP_MEMBER');
      valid = invitees.filter((id) => this.groupMembers.has(id));
      if (valid.length === 0) return err('NO_VALID_INVITEE');
    }
    const deadline = o.timeout > 0 ? this.now + o.timeout * 1000 : undefined;
    const users = new Map<string, ModelUser>();
    if (o.mode === 'advanced') users.set(inviter, { state: 'accepted', deviceID });
    for (const id of valid) users.set(id, { state: 'inviting', ...(deadline !== undefined && { deadline }) });
    const offline = o.onlineUserOnly ? valid.filter((id) => !this.isOnline(id)) : [];
    this.invitations.set(inviteID, {
      inviteID,
      inviter,
      mode: o.mode,
      ...(o.group && { groupID: this.groupID }),
      onlineUserOnly: o.onlineUserOnly,
      data: '',
      state: 'active',
      users,
      offlineAtInvite: new Set(offline),
    });
    return ok(true);
  }

  /** Runs an operation on an existing invitation; unknown or invisible → INVITATION_NOT_FOUND. */
  operate(inviteID: string, userID: string, deviceID: string, op: Operation, extra: { invitees?: string[]; data?: string; timeout?: number } = {}): Outcome {
    const inv = this.invitations.get(inviteID);
    if (!inv || !this.canSee(inv, userID)) return err('INVITATION_NOT_FOUND');
    const self = inv.users.get(userID);
    const active = inv.state === 'active';
    switch (op) {
      case 'cancel': {
        if (inv.inviter !== userID) return err('NO_PERMISSION');
        if (!active) return err('INVALID_STATE');
        const pending = [...inv.users].filter(([, u]) => isPending(u.state));
        if (pending.length === 0) return err('INVALID_STATE');
        for (const [id] of pending) this.set(inv, id, { state: 'cancelled', deviceID });
        this.settle(inv);
        return ok(true);
      }
      case 'accept':
      case 'reject': {
        const isInvitee = self !== undefined && (userID !== inv.inviter || isPending(self.state));
        if (!isInvitee) return err('NO_PERMISSION');
        if (!active || !isPending(self.state)) return err('INVALID_STATE');
        this.set(inv, userID, { state: op === 'accept' ? 'accepted' : 'rejected', deviceID });
        this.settle(inv);
        return ok(true);
      }
      case 'modify': {
        if (inv.inviter !== userID) return err('NO_PERMISSION');
        if (!active || inv.onlineUserOnly) return err('INVALID_STATE');
        const changed = inv.data !== extra.data;
        inv.data = extra.data!;
        return ok(changed);
      }
      case 'received': {
        if (!active || !self || (self.state !== 'inviting' && self.state !== 'notYetReceived')) return ok(false);
        this.set(inv, userID, { state: 'received', deviceID, ...(self.deadline !== undefined && { deadline: self.deadline }) });
        return ok(true);
      }
      case 'join': {
        if (inv.mode !== 'advanced' || !active) return err('INVALID_STATE');
        if (self?.state === 'accepted' && self.deviceID === deviceID) return err('ALREADY_PRIMARY_DEVICE');
        this.set(inv, userID, { state: 'accepted', deviceID });
        return ok(true);
      }
      case 'callingInvite':
      case 'quit':
      case 'end': {
        if (inv.mode !== 'advanced' || !active) return err('INVALID_STATE');
        if (!self) return err('NO_PERMISSION');
        if (self.state !== 'accepted') return err('INVALID_STATE');
        if (op === 'end') {
          inv.state = 'ended';
          return ok(true);
        }
        if (op === 'quit') {
          this.set(inv, userID, { state: 'quit', deviceID });
          this.settle(inv);
          return ok(true);
        }
        const fresh = extra.invitees!.filter((id) => {
          const state = inv.users.get(id)?.state;
          return !(state === 'accepted' || (state !== undefined && isPending(state)));
        });
        const deadline = extra.timeout! > 0 ? this.now + extra.timeout! * 1000 : undefined;
        for (const id of fresh) {
          this.set(inv, id, { state: 'inviting', ...(deadline !== undefined && { deadline }) });
          if (inv.onlineUserOnly && !this.isOnline(id)) inv.offlineAtInvite.add(id);
          else inv.offlineAtInvite.delete(id);
        }
        return ok(fresh.length > 0);
      }
    }
  }

  /** The earliest pending timer (a deadline or a grace period), or undefined. */
  nextTimer(): number | undefined {
    let next: number | undefined;
    const consider = (t: number | undefined) => t !== undefined && (next === undefined || t < next) && (next = t);
    for (const inv of this.invitations.values()) {
      if (inv.state !== 'active') continue;
      for (const u of inv.users.values()) if (isPending(u.state)) consider(u.deadline);
    }
    for (const t of this.gone.values()) consider(t);
    for (const t of this.deviceGone.values()) consider(t);
    return next;
  }

  /** Moves to `at` and applies what is due there: timeouts, then grace periods that ended. */
  fireAt(at: number): void {
    this.now = at;
    for (const inv of this.invitations.values()) {
      if (inv.state !== 'active') continue;
      const due = [...inv.users].filter(([, u]) => isPending(u.state) && u.deadline !== undefined && u.deadline <= at);
      for (const [id] of due) this.set(inv, id, { state: 'timeout' });
      if (due.length > 0) this.settle(inv);
    }
    for (const [userID, t] of [...this.gone]) {
      if (t > at) continue;
      this.gone.delete(userID);
      for (const inv of this.invitations.values()) if (inv.state === 'active' && (inv.inviter === userID || inv.users.has(userID))) this.userGone(inv, userID);
    }
    for (const [key, t] of [...this.deviceGone]) {
      if (t > at) continue;
      this.deviceGone.delete(key);
      const [userID, deviceID] = JSON.parse(key) as [string, string];
      for (const inv of this.invitations.values()) {
        const self = inv.users.get(userID);
        if (inv.state === 'active' && inv.mode === 'advanced' && self?.state === 'accepted' && self.deviceID === deviceID) this.participantGone(inv, userID);
      }
    }
  }

  /** PROTOCOL §6: the inviter gone with nobody accepted cancels the pending (callerGone); an accepted participant leaves the call. */
  private userGone(inv: ModelInvitation, userID: string): void {
    let changed = false;
    const anyAccepted = [...inv.users].some(([id, u]) => id !== inv.inviter && u.state === 'accepted');
    if (inv.inviter === userID && !anyAccepted) {
      for (const [id, u] of inv.users) if (isPending(u.state)) (this.set(inv, id, { state: 'cancelled' }), (changed = true));
    }
    if (changed) this.settle(inv);
    if (inv.state === 'active' && inv.mode === 'advanced' && inv.users.get(userID)?.state === 'accepted') this.participantGone(inv, userID);
  }

  /** PROTOCOL §6: the participant whose device is gone quits; nobody left in it cancels whoever rings; a 1v1 call (no group) left with one person and nobody ringing ends. */
  private participantGone(inv: ModelInvitation, userID: string): void {
    this.set(inv, userID, { state: 'quit' });
    if (![...inv.users.values()].some((u) => u.state === 'accepted')) {
      for (const [id, u] of inv.users) if (isPending(u.state)) this.set(inv, id, { state: 'cancelled' });
    }
    const users = [...inv.users.values()];
    const oneLeft = users.filter((u) => u.state === 'accepted').length === 1 && !users.some((u) => isPending(u.state));
    if (inv.groupID === undefined && oneLeft) inv.state = 'ended';
    else this.settle(inv);
  }

  private set(inv: ModelInvitation, userID: string, user: ModelUser): void {
    inv.users.set(userID, user);
  }

  /** Normal mode ends once nobody is pending; advanced once nobody is accepted or pending. */
  private settle(inv: ModelInvitation): void {
    const users = [...inv.users.values()];
    const alive = inv.mode === 'normal' ? users.some((u) => isPending(u.state)) : users.some((u) => u.state === 'accepted' || isPending(u.state));
    if (!alive) inv.state = 'ended';
  }

  /** Users who currently receive an invitation's notifications (PROTOCOL §5), besides whoever just changed. */
  recipients(inv: ModelInvitation): Set<string> {
    const set = new Set([inv.inviter]);
    for (const [id, u] of inv.users) if (!isTerminal(u.state, inv.mode)) set.add(id);
    if (inv.groupID) for (const id of this.groupMembers) set.add(id);
    return set;
  }
}

/** Operations on an existing invitation. */
export type Operation = 'cancel' | 'accept' | 'reject' | 'modify' | 'received' | 'callingInvite' | 'join' | 'quit' | 'end';
