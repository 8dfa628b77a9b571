/**
 * The framework-free store: one zustand vanilla store per client, and its selectors.
 * @module
 */
export { createRingkitStore, type CreateRingkitStoreOptions, type RingkitStore } from './createRingkitStore.js';
export { ringkitEventTable, type RingkitEventTable } from './ringkitEventTable.js';
export { replaceSnapshot, MAX_ENDED_INVITATIONS } from './replaceSnapshot.js';
export { toErrorInfo } from './toErrorInfo.js';
export type { InvitationRole, MyPart, RingkitErrorInfo, RingkitState } from './RingkitState.js';
export { selectAcceptedInOrder } from './selectors/selectAcceptedInOrder.js';
export { selectActiveInvitations } from './selectors/selectActiveInvitations.js';
export { selectCallUser } from './selectors/selectCallUser.js';
export { selectDetachedCall, selectIsDetached } from './selectors/selectDetachedCall.js';
export { selectInvitation } from './selectors/selectInvitation.js';
export { selectIsBusy } from './selectors/selectIsBusy.js';
export { selectMyPart } from './selectors/selectMyPart.js';
export { selectRingingInvitations } from './selectors/selectRingingInvitations.js';
export { selectUserCounts } from './selectors/selectUserCounts.js';
export { selectConnectedCalls } from './selectors/selectConnectedCalls.js';
export { createBusyRejecter, type BusyRejecter } from './rules/createBusyRejecter.js';
export { isOrphanedCall, watchOrphanedCalls } from './rules/watchOrphanedCalls.js';
export { endAndAccept } from './rules/endAndAccept.js';
export { selectClassroom, type Classroom } from './raiseHand/selectClassroom.js';
export { deriveRaiseHandView, type RaiseHandView } from './raiseHand/deriveRaiseHandView.js';
export { raiseHandCommands } from './raiseHand/raiseHandCommands.js';
export { selectUnansweredCallsTo } from './selectors/selectUnansweredCallsTo.js';
export { inviteReplacingEarlier, type RedialOptions } from './rules/inviteReplacingEarlier.js';
