import type { Invitation, SignalingInfo } from '../protocol/types.js';
import type { HistoryIntent } from './Draft.js';
import { conversationKey, type HistoryDraft } from './storage.js';

/**
 * Turns an operation's history intents into messages (docs/protocol.md section 7): one in the group
 * conversation for group invitations, otherwise one in the inviter's one-to-one conversation
 * with each user concerned. onlineUserOnly invitations leave no history.
 */
export function historyMessages(inv: Invitation, intents: HistoryIntent[], time: number): HistoryDraft[] {
  const messages: HistoryDraft[] = [];
  if (inv.onlineUserOnly) return messages;
  // Plain loops and literals: built for every commit (two per 1v1 call), kept by no one but the storage.
  for (const intent of intents) {
    const signaling: SignalingInfo =
      inv.groupID !== undefined
        ? { inviteID: inv.inviteID, inviter: inv.inviter, groupID: inv.groupID, inviteeList: intent.inviteeList, data: intent.data, timeout: inv.timeout, actionType: intent.actionType }
        : { inviteID: inv.inviteID, inviter: inv.inviter, inviteeList: intent.inviteeList, data: intent.data, timeout: inv.timeout, actionType: intent.actionType };
    if (inv.groupID) {
      messages.push({ sender: intent.sender, time, signaling, key: `group:${inv.groupID}` });
      continue;
    }
    for (const peer of peersOf(intent.inviteeList, intent.sender, inv.inviter)) {
      messages.push({ sender: intent.sender, time, signaling, key: conversationKey({ type: 'c2c', userID: peer }, inv.inviter) });
    }
  }
  return messages;
}

/**
 * The users an intent concerns other than the inviter, each once, in order: its invitees, then
 * its sender. A call's few users are scanned in an array (no Set per message); a long list
 * uses a Set.
 */
function peersOf(inviteeList: readonly string[], sender: string, inviter: string): string[] {
  if (inviteeList.length > 16) {
    const peers = new Set(inviteeList.filter((id) => id !== inviter));
    if (sender !== inviter) peers.add(sender);
    return [...peers];
  }
  const peers: string[] = [];
  for (const id of inviteeList) if (id !== inviter && !peers.includes(id)) peers.push(id);
  if (sender !== inviter && !peers.includes(sender)) peers.push(sender);
  return peers;
}
