import type { SignalingActionType, SignalingInfo } from '../../protocol/types.js';
import type { HistoryDraft } from '../storage.js';

/**
 * A history message as the memory storage keeps it: one flat object (no signaling object, no
 * copy of a one-user invitee list, its time in the store's scale, its key the list's), expanded
 * when read. Two are kept per 1v1 call, for as long as the call is.
 */
export class KeptMessage {
  readonly sender: string;
  readonly inviteID: string;
  readonly inviter: string;
  readonly groupID: string | undefined;
  /** One user: the ID itself; otherwise a copy of the list. */
  readonly invitees: string | readonly string[];
  readonly data: string;
  readonly timeout: number;
  readonly actionType: SignalingActionType;

  constructor(
    readonly seq: number,
    draft: HistoryDraft,
    readonly time: number,
  ) {
    const s = draft.signaling;
    this.sender = draft.sender;
    this.inviteID = s.inviteID;
    this.inviter = s.inviter;
    this.groupID = s.groupID;
    this.invitees = s.inviteeList.length === 1 ? s.inviteeList[0]! : [...s.inviteeList];
    this.data = s.data;
    this.timeout = s.timeout;
    this.actionType = s.actionType;
  }

  /** The signaling info as `historyMessages` built it (same keys, same order). */
  signaling(): SignalingInfo {
    const inviteeList = typeof this.invitees === 'string' ? [this.invitees] : [...this.invitees];
    const { inviteID, inviter, groupID, data, timeout, actionType } = this;
    return groupID !== undefined ? { inviteID, inviter, groupID, inviteeList, data, timeout, actionType } : { inviteID, inviter, inviteeList, data, timeout, actionType };
  }
}
