import type { Invitation } from '../../src/index.js';
import { LOBBY_GROUP } from './groups.js';

/**
 * A one-to-one call (what `useCall` and the ringing dialog handle).
 * @example <RingingDialog filter={isOneToOneCall} />
 */
export const isOneToOneCall = (invitation: Invitation): boolean => invitation.mode === 'advanced' && invitation.groupID === undefined;

/**
 * A group call made in the demo's lobby group (the group-call tab and its toast).
 * @example <IncomingCallToast filter={isGroupCall} />
 */
export const isGroupCall = (invitation: Invitation): boolean => invitation.mode === 'advanced' && invitation.groupID === LOBBY_GROUP;

/**
 * Any call of the demo, one-to-one or group (not the classroom's raise-hand rounds).
 * @example useIncomingCallNotification({ filter: isCall })
 */
export const isCall = (invitation: Invitation): boolean => isOneToOneCall(invitation) || isGroupCall(invitation);
