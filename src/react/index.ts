/**
 * `ringkit/react`: the provider, the hooks, and the store they read (also usable without React).
 * @module
 */
export { RingkitProvider, type RingkitProviderProps } from './context/RingkitProvider.js';
export { RingkitContext } from './context/RingkitContext.js';
export { useRingkitStoreApi } from './hooks/useRingkitStoreApi.js';
export { useRingkitStore } from './hooks/useRingkitStore.js';
export { useConnectionState } from './hooks/useConnectionState.js';
export { useRingkitEvent } from './hooks/useRingkitEvent.js';
export {
  useIncomingInvitation,
  type RingkitButtonProps,
  type UseIncomingInvitationOptions,
  type UseIncomingInvitationResult,
} from './hooks/useIncomingInvitation.js';
export { useCall, type CallOptions, type UseCallOptions, type UseCallResult } from './hooks/useCall.js';
export { deriveCallView, type CallEndReason, type CallStatus, type CallViewState } from '../store/deriveCallView.js';
export { encodeCallData, parseCallData, parseJSONObject, type CallData } from './data/callData.js';
export { useInvite, type UseInviteResult } from './hooks/useInvite.js';
export { useInvitation } from './hooks/useInvitation.js';
export { useActiveInvitations, type ActiveInvitationsFilter } from './hooks/useActiveInvitations.js';
export { useCallUsers, type UseCallUsersResult } from './hooks/useCallUsers.js';
export { useCallUser } from './hooks/useCallUser.js';
export { useCallActions, type CallActionsAllowed, type UseCallActionsResult } from './hooks/useCallActions.js';
export { useBusy, type UseBusyResult } from './hooks/useBusy.js';
export { usePushSubscription, type UsePushSubscriptionResult } from './hooks/usePushSubscription.js';
export { useRaiseHand, DEFAULT_ROUND_TIMEOUT, type AskOptions, type UseRaiseHandResult } from './hooks/useRaiseHand.js';
export { encodeLower, encodeRound, encodeSpeak, isLowerMarker, raiseHandKind, type RaiseHandKind } from '../store/raiseHand/raiseHandData.js';
export { useInvitationList, type UseInvitationListResult } from './hooks/useInvitationList.js';
export { useCallHistory, type UseCallHistoryResult } from './hooks/useCallHistory.js';
export { useGroupMembers, type UseGroupMembersResult } from './hooks/useGroupMembers.js';
export { useOutgoingCall, type OutgoingCallStatus, type UseOutgoingCallResult } from './hooks/useOutgoingCall.js';
export {
  useOutgoingCallDialog,
  type UseOutgoingCallDialogOptions,
  type UseOutgoingCallDialogResult,
} from './hooks/useOutgoingCallDialog.js';
export { inviteeStatus, participantGroup, type InviteeStatus } from './data/inviteeStatus.js';
export { isBusyRejection } from '../protocol/isBusyRejection.js';
export { isRedialCancel } from '../protocol/isRedialCancel.js';
export { sortParticipantIDs } from './data/sortParticipantIDs.js';
export { pickMembers, type MemberAvailability, type MemberChoice, type MemberPicks } from './data/pickMembers.js';
export { useCallRecords, CALL_RECORDS_PAGE, type UseCallRecordsOptions, type UseCallRecordsResult } from './hooks/useCallRecords.js';
export { useMissedCallCount, type UseMissedCallCountResult } from './hooks/useMissedCallCount.js';
export { callRecordOf, dayKey, groupByDay, type CallRecord, type CallRecordKind } from './data/callRecords.js';
export { createMissedSeenStore, missedSeenStore, type MissedSeenStore } from './data/missedSeenStore.js';
export { ringkitQueryKeys } from './data/ringkitQueryKeys.js';
export { BUSY_REJECT_DATA, type BusyPolicy } from '../store/rules/createBusyRejecter.js';
export type { ActionStatus } from './types/ActionStatus.js';
export type { PageStatus } from './types/PageStatus.js';
export { useRingtone, type UseRingtoneOptions, type UseRingtoneResult } from './hooks/useRingtone.js';
export {
  useIncomingCallNotification,
  type UseIncomingCallNotificationOptions,
  type UseIncomingCallNotificationResult,
} from './hooks/useIncomingCallNotification.js';
export { createCallNotifier, type CallNotifier, type RingingNotice } from './media/createCallNotifier.js';
export { createRingtonePlayer, type RingtonePlayer, type RingtoneState } from './media/createRingtonePlayer.js';
export { builtInTones, synthesizeTone, type BuiltInTone } from './media/builtInTones.js';
export { useRingingCall, type UseRingingCallOptions, type UseRingingCallResult } from './hooks/useRingingCall.js';
export { useDetachedCall, type UseDetachedCallResult } from './hooks/useDetachedCall.js';
export { ringEndReason, isAnnouncedRingEnd, type RingEndReason } from './data/ringEndReason.js';
export { watchRingEnds, type RingEnd } from './data/watchRingEnds.js';
export { describeCall, type CallDescription } from './data/describeCall.js';
export { mergeProps } from './mergeProps.js';
export { RingkitLabelsProvider, useRingkitLabels, type RingkitLabelOverrides, type RingkitLabelsProviderProps } from './labels/RingkitLabelsProvider.js';
export { defaultLabels, type RingkitLabels } from './labels/defaultLabels.js';
export { commonLabels, type CommonLabels, type LabelTable, type RingkitLocale } from './labels/commonLabels.js';
export {
  RingkitUsersProvider,
  useDisplayUser,
  useUserLookup,
  type DisplayUser,
  type GetUser,
  type RingkitUsersProviderProps,
} from './context/RingkitUsersProvider.js';
export { UserAvatar, type UserAvatarProps } from './components/shared/UserAvatar.js';
export { StateBadge, type StateBadgeProps } from './components/shared/StateBadge.js';
export { RingtoneMuteButton, type RingtoneMuteButtonProps } from './components/shared/RingtoneMuteButton.js';
export { RingtoneUnlockButton, type RingtoneUnlockButtonProps } from './components/shared/RingtoneUnlockButton.js';
export { ringtoneLabels, type RingtoneLabels } from './labels/ringtoneLabels.js';
export { ringbackLabels } from './labels/ringbackLabels.js';
export { useCallMedia, type CallMediaButtonProps, type UseCallMediaOptions, type UseCallMediaResult } from './hooks/useCallMedia.js';
// Components: one line each, alphabetical.
export * from './components/CallControls/index.js';
export * from './components/CallHistoryList/index.js';
export * from './components/CallView/index.js';
export * from './components/InCallView/index.js';
export * from './components/DetachedCallNotice/index.js';
export * from './components/IncomingCallToast/index.js';
export * from './components/InviteMembersPicker/index.js';
export * from './components/OutgoingCallDialog/index.js';
export * from './components/ParticipantList/index.js';
export * from './components/Phone/index.js';
export * from './components/RaiseHandPanel/index.js';
export * from './components/RingingDialog/index.js';
export * from '../store/index.js';
