/** `InviteMembersPicker`, its parts and labels. @module */
export { InviteMembersPicker, type InviteMembersPickerProps } from './InviteMembersPicker.js';
export { InviteMembersPickerOption, type InviteMembersPickerOptionProps } from './InviteMembersPickerOption.js';
export { inviteMembersPickerLabels, type InviteMembersPickerLabels } from '../../labels/inviteMembersPickerLabels.js';
