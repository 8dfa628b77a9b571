import type { Invitation } from '../protocol/types.js';
import type { HistoryIntent } from './Draft.js';
import { conversationKey, type HistoryDraft } from './storage.js';

/**
 * Turns an operation's history intents into messages (docs/protocol.md section 7): one in the group
 * conversation for group invitations, otherwise one in the inviter's one-to-one conversation
 * with each user concerned. onlineUserOnly invitations leave no history.
 */
export function historyMessages(inv: Invitation, intents: HistoryIntent[], time: number): HistoryDraft[] {
  if (inv.onlineUserOnly) return [];
  return intents.flatMap((intent) => {
    const signaling = {
      inviteID: inv.inviteID,
      inviter: inv.inviter,
      ...(inv.groupID !== undefined && { groupID: inv.groupID }),
      inviteeList: intent.inviteeList,
      data: intent.data,
      timeout: inv.timeout,
      actionType: intent.actionType,
    };
    const base = { sender: intent.sender, time, signaling };
    if (inv.groupID) return [{ ...base, key: `group:${inv.groupID}` }];
    const peers = new Set(intent.inviteeList.filter((id) => id !== inv.inviter));
    if (intent.sender !== inv.inviter) peers.add(intent.sender);
    return [...peers].map((peer) => ({ ...base, key: conversationKey({ type: 'c2c', userID: peer }, inv.inviter) }));
  });
}
