/**
 * `ringkit/react`: the provider, the hooks, and the store they read (also usable without React).
 * @module
 */
export { RingkitProvider, type RingkitProviderProps } from './RingkitProvider.js';
export { RingkitContext } from './RingkitContext.js';
export { useRingkitStoreApi } from './useRingkitStoreApi.js';
export { useRingkitStore } from './useRingkitStore.js';
export { useConnectionState } from './useConnectionState.js';
export { useRingkitEvent } from './useRingkitEvent.js';
export {
  useIncomingInvitation,
  type RingkitButtonProps,
  type UseIncomingInvitationOptions,
  type UseIncomingInvitationResult,
} from './useIncomingInvitation.js';
export { useCall, type CallOptions, type UseCallOptions, type UseCallResult } from './useCall.js';
export { deriveCallView, type CallEndReason, type CallStatus, type CallView } from './deriveCallView.js';
export { encodeCallData, parseCallData, parseJSONObject, type CallData } from './callData.js';
export { useInvite, type UseInviteResult } from './useInvite.js';
export { useInvitation } from './useInvitation.js';
export { useActiveInvitations, type ActiveInvitationsFilter } from './useActiveInvitations.js';
export { useCallUsers, type UseCallUsersResult } from './useCallUsers.js';
export { useCallUser } from './useCallUser.js';
export { useCallActions, type CallActionsAllowed, type UseCallActionsResult } from './useCallActions.js';
export { useBusy, type UseBusyResult } from './useBusy.js';
export { useRaiseHand, DEFAULT_ROUND_TIMEOUT, type AskOptions, type UseRaiseHandResult } from './useRaiseHand.js';
export { encodeRound, encodeSpeak, raiseHandKind, type RaiseHandKind } from './raiseHandData.js';
export { useInvitationList, type UseInvitationListResult } from './useInvitationList.js';
export { useCallHistory, type UseCallHistoryResult } from './useCallHistory.js';
export { ringkitQueryKeys } from './queryKeys.js';
export { BUSY_REJECT_DATA, type BusyPolicy } from './internal/useBusyPolicy.js';
export type { ActionStatus } from './internal/useActionRunner.js';
export type { PageStatus } from './internal/usePagedList.js';
export * from '../store/index.js';
