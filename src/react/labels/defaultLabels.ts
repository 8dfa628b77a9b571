import { incomingCallLabels, type IncomingCallLabels } from './incomingCallLabels.js';
import { inviteMembersPickerLabels, type InviteMembersPickerLabels } from './inviteMembersPickerLabels.js';
import { outgoingCallDialogLabels, type OutgoingCallDialogLabels } from './outgoingCallDialogLabels.js';
import { participantListLabels, type ParticipantListLabels } from './participantListLabels.js';
import { ringtoneLabels, type RingtoneLabels } from './ringtoneLabels.js';
import { ringbackLabels } from './ringbackLabels.js';
import { commonLabels, type CommonLabels, type RingkitLocale } from './commonLabels.js';
import { callHistoryListLabels, type CallHistoryListLabels } from './callHistoryListLabels.js';
import { raiseHandPanelLabels, type RaiseHandPanelLabels } from './raiseHandPanelLabels.js';
import { inCallViewLabels, type InCallViewLabels } from './inCallViewLabels.js';
import { phoneLabels, type PhoneLabels } from './phoneLabels.js';
import { callViewLabels, type CallViewLabels } from './callViewLabels.js';
import { callControlsLabels, type CallControlsLabels } from './callControlsLabels.js';
import { detachedCallNoticeLabels, type DetachedCallNoticeLabels } from './detachedCallNoticeLabels.js';

/**
 * Every label table of ringkit's components, by component. Each component adds its entry here.
 * @example const title: string = defaultLabels('en').common.you
 */
export interface RingkitLabels {
  common: CommonLabels;
  inviteMembersPicker: InviteMembersPickerLabels;
  outgoingCallDialog: OutgoingCallDialogLabels;
  participantList: ParticipantListLabels;
  raiseHandPanel: RaiseHandPanelLabels;
  incomingCall: IncomingCallLabels;
  /** The callee's ringtone controls (`RingingDialog`, `IncomingCallToast`). */
  ringtone: RingtoneLabels;
  /** The caller's ringback controls (`OutgoingCallDialog`): "Mute ringback". */
  ringback: RingtoneLabels;
  callHistoryList: CallHistoryListLabels;
  inCallView: InCallViewLabels;
  phone: PhoneLabels;
  callView: CallViewLabels;
  callControls: CallControlsLabels;
  detachedCallNotice: DetachedCallNoticeLabels;
}

/**
 * The built-in labels of one language.
 * @example const zh = defaultLabels('zh')
 */
export function defaultLabels(locale: RingkitLocale): RingkitLabels {
  return {
    common: commonLabels[locale],
    inviteMembersPicker: inviteMembersPickerLabels[locale],
    outgoingCallDialog: outgoingCallDialogLabels[locale],
    participantList: participantListLabels[locale],
    raiseHandPanel: raiseHandPanelLabels[locale],
    incomingCall: incomingCallLabels[locale],
    ringtone: ringtoneLabels[locale],
    ringback: ringbackLabels[locale],
    callHistoryList: callHistoryListLabels[locale],
    inCallView: inCallViewLabels[locale],
    phone: phoneLabels[locale],
    callView: callViewLabels[locale],
    callControls: callControlsLabels[locale],
    detachedCallNotice: detachedCallNoticeLabels[locale],
  };
}
