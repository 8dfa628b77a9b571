import type { CallUser, CallUserState, Invitation, ServerReason, SignalingActionType } from '../protocol/types.js';
import { isPending } from '../protocol/types.js';

/** A history line an operation asks for; the engine turns it into conversation messages. */
export interface HistoryIntent {
  actionType: SignalingActionType;
  sender: string;
  /** The users the action concerns (one c2c message each with the inviter, or one group message). */
  inviteeList: string[];
  data: string;
}

/** What an operation may set on a user. */
export interface UserPatch {
  data?: string;
  deviceID?: string;
  reason?: ServerReason;
  deadline?: number;
  timeout?: number;
}

/**
 * A working copy of an invitation for one operation: the version is bumped once, every user
 * change is tracked, and history lines are collected.
 */
export class Draft {
  readonly invitation: Invitation;
  readonly changed = new Set<string>();
  readonly history: HistoryIntent[] = [];
  /** Users pending before this operation (to detect missed calls). */
  readonly pendingBefore: ReadonlySet<string>;
  private readonly before: Pick<Invitation, 'state' | 'data'>;

  constructor(
    current: Invitation,
    readonly now: number,
  ) {
    // Users are replaced, never edited in place, so a shallow copy keeps `current` intact.
    this.invitation = { ...current, users: [...current.users], version: current.version + 1 };
    this.pendingBefore = new Set(current.users.filter((u) => isPending(u.state)).map((u) => u.userID));
    this.before = { state: current.state, data: current.data };
  }

  /** Whether the operation changed anything (otherwise nothing is committed). */
  isChanged(): boolean {
    const inv = this.invitation;
    return this.changed.size > 0 || inv.state !== this.before.state || inv.data !== this.before.data;
  }

  user(userID: string): CallUser | undefined {
    return this.invitation.users.find((u) => u.userID === userID);
  }

  /** Users whose state is in `states`. */
  usersIn(...states: CallUserState[]): CallUser[] {
    return this.invitation.users.filter((u) => states.includes(u.state));
  }

  pendingUsers(): CallUser[] {
    return this.invitation.users.filter((u) => isPending(u.state));
  }

  /**
   * Sets a user's state (adding the user when absent). The user keeps their own timeout, and
   * their deadline while they stay pending, unless the patch gives new ones.
   */
  setUser(userID: string, state: CallUserState, patch: UserPatch = {}): void {
    const current = this.user(userID);
    const next: CallUser = {
      userID,
      state,
      data: patch.data ?? '',
      updateTime: this.now,
      timeout: patch.timeout ?? current?.timeout ?? this.invitation.timeout,
      version: this.invitation.version,
    };
    if (patch.deviceID !== undefined) next.deviceID = patch.deviceID;
    if (patch.reason !== undefined) next.reason = patch.reason;
    const deadline = patch.deadline ?? (current && isPending(current.state) ? current.deadline : undefined);
    if (deadline !== undefined && isPending(state)) next.deadline = deadline;
    const index = this.invitation.users.findIndex((u) => u.userID === userID);
    if (index === -1) this.invitation.users.push(next);
    else this.invitation.users[index] = next;
    this.changed.add(userID);
  }

  record(intent: HistoryIntent): void {
    this.history.push(intent);
  }

  /** Marks the invitation ended. */
  end(reason: NonNullable<Invitation['endReason']>, by: string, data: string): void {
    Object.assign(this.invitation, { state: 'ended', endReason: reason, endTime: this.now, endedBy: by, endData: data });
  }
}
