/**
 * Where an outgoing invitation stands as a whole: nobody answered yet and someone still rings
 * (`calling`), someone accepted (`answered`), or nobody is left ringing and nobody accepted
 * (`cancelled` by me, everyone `declined`, or `unanswered`: timeouts, mixed). `idle`: no invitation.
 * @example const s: OutgoingCallStatus = 'calling'
 */
export type OutgoingCallStatus = 'idle' | 'calling' | 'answered' | 'cancelled' | 'declined' | 'unanswered';
