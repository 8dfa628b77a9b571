import { incomingCallLabels, type IncomingCallLabels } from '../components/shared/incomingCallLabels.js';
import { inviteMembersPickerLabels, type InviteMembersPickerLabels } from '../components/InviteMembersPicker/labels.js';
import { outgoingCallDialogLabels, type OutgoingCallDialogLabels } from '../components/OutgoingCallDialog/labels.js';
import { participantListLabels, type ParticipantListLabels } from '../components/ParticipantList/labels.js';
import { ringtoneLabels, type RingtoneLabels } from '../components/shared/ringtoneLabels.js';
import { commonLabels, type CommonLabels, type RingkitLocale } from './commonLabels.js';
import { callHistoryListLabels, type CallHistoryListLabels } from '../components/CallHistoryList/labels.js';
import { raiseHandPanelLabels, type RaiseHandPanelLabels } from '../components/RaiseHandPanel/labels.js';
import { inCallViewLabels, type InCallViewLabels } from '../components/InCallView/labels.js';
import { phoneLabels, type PhoneLabels } from '../components/Phone/labels.js';
import { callViewLabels, type CallViewLabels } from '../components/CallView/labels.js';
import { callControlsLabels, type CallControlsLabels } from '../components/CallControls/labels.js';

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
  ringtone: RingtoneLabels;
  callHistoryList: CallHistoryListLabels;
  inCallView: InCallViewLabels;
  phone: PhoneLabels;
  callView: CallViewLabels;
  callControls: CallControlsLabels;
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
    callHistoryList: callHistoryListLabels[locale],
    inCallView: inCallViewLabels[locale],
    phone: phoneLabels[locale],
    callView: callViewLabels[locale],
    callControls: callControlsLabels[locale],
  };
}
