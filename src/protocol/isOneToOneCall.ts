import type { Invitation } from './types.js';

/**
 * A one-to-one call: advanced mode, no group, the caller and one callee (what `useCall` places).
 * Leaving one ends it for both; leaving a larger call only takes me out (`leaveCall`).
 * @example if (isOneToOneCall(invitation)) await client.end(invitation.inviteID)
 */
export function isOneToOneCall(invitation: Invitation): boolean {
  return invitation.mode === 'advanced' && invitation.groupID === undefined && invitation.users.length <= 2;
}
