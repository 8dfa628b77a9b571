import type { SignalingActionType, SignalingInfo } from '../protocol/types.js';

const ACTIONS: ReadonlySet<string> = new Set<SignalingActionType>([
  'invite', 'cancel', 'accept', 'reject', 'timeout', 'modify', 'callingInvite', 'join', 'quit', 'end',
]);

/**
 * The `SignalingInfo` of a history message, or null for anything that is not a ringkit
 * signaling message (docs/protocol.md section 7).
 * @example const info = parseSignalingInfo(message); if (info?.actionType === 'timeout') showMissedCall()
 */
export function parseSignalingInfo(message: unknown): SignalingInfo | null {
  if (typeof message !== 'object' || message === null) return null;
  const info = (message as { signaling?: unknown }).signaling;
  if (typeof info !== 'object' || info === null) return null;
  const s = info as Record<string, unknown>;
  const valid =
    typeof s.inviteID === 'string' &&
    typeof s.inviter === 'string' &&
    Array.isArray(s.inviteeList) &&
    s.inviteeList.every((id) => typeof id === 'string') &&
    typeof s.data === 'string' &&
    typeof s.timeout === 'number' &&
    typeof s.actionType === 'string' &&
    ACTIONS.has(s.actionType) &&
    (s.groupID === undefined || typeof s.groupID === 'string');
  if (!valid) return null;
  return {
    inviteID: s.inviteID as string,
    inviter: s.inviter as string,
    ...(typeof s.groupID === 'string' && { groupID: s.groupID }),
    inviteeList: [...(s.inviteeList as string[])],
    data: s.data as string,
    timeout: s.timeout as number,
    actionType: s.actionType as SignalingActionType,
  };
}
