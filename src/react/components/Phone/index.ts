/** `Phone`, its parts and labels. @module */
export { Phone, type PhoneCallOptions, type PhoneProps } from './Phone.js';
export { PhoneDialer } from './PhoneDialer.js';
export { PhoneContacts, type PhoneContactsProps } from './PhoneContacts.js';
export { PhoneContext, usePhoneContext, type PhoneContextValue } from './PhoneContext.js';
export { phoneLabels, type PhoneEndReason, type PhoneLabels } from '../../labels/phoneLabels.js';
