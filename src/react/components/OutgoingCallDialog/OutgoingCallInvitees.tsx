import { forwardRef, type HTMLAttributes } from 'react';
import { mergeProps } from '../../mergeProps.js';
import { OutgoingCallInvitee } from './OutgoingCallInvitee.js';
import { useOutgoingCallContext } from './OutgoingCallContext.js';

/**
 * Props of `OutgoingCallInvitees`.
 * @example const p: OutgoingCallInviteesProps = { className: 'my-invitees' }
 */
export type OutgoingCallInviteesProps = HTMLAttributes<HTMLUListElement>;

/**
 * The list of invitees with their live states, then those the server did not invite.
 * @example <OutgoingCallDialog><OutgoingCallInvitees /><OutgoingCallCancelButton /></OutgoingCallDialog>
 */
export const OutgoingCallInvitees = forwardRef<HTMLUListElement, OutgoingCallInviteesProps>(function OutgoingCallInvitees(props, ref) {
  const { call, errorInvitees, labels } = useOutgoingCallContext();
  const invited = new Set(call.invitees.map((u) => u.userID));
  // Focusable: a long list scrolls, also when it holds no button.
  const own = { className: 'rk-list rk-scroll-area rk-outgoing-call-dialog__invitees', 'aria-label': labels.invitees, tabIndex: 0 };
  return (
    <ul ref={ref} {...mergeProps(own, props as Record<string, unknown>)}>
      {call.invitees.map((user) => (
        <OutgoingCallInvitee key={user.userID} user={user} />
      ))}
      {errorInvitees
        .filter((failure) => !invited.has(failure.userID))
        .map((failure) => (
          <OutgoingCallInvitee key={`failed:${failure.userID}`} failure={failure} />
        ))}
    </ul>
  );
});
