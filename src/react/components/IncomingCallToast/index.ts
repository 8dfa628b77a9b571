/** IncomingCallToast (its parts are RingingDialog's). */
export { IncomingCallToast, IncomingCallToastLayout, type IncomingCallToastProps } from './IncomingCallToast.js';
