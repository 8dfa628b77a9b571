import { forwardRef, type HTMLAttributes } from 'react';
import type { CallUser } from '../../../protocol/types.js';
import { isPending } from '../../../protocol/types.js';
import type { ErrorInvitee } from '../../../protocol/wire.js';
import { inviteeStatus } from '../../data/inviteeStatus.js';
import { mergeProps } from '../../mergeProps.js';
import { useDisplayUser } from '../../context/RingkitUsersProvider.js';
import { StateBadge } from '../shared/StateBadge.js';
import { UserAvatar } from '../shared/UserAvatar.js';
import { useOutgoingCallContext } from './OutgoingCallContext.js';

/**
 * Props of `OutgoingCallInvitee`: one invitee of the call, or one the server did not invite.
 * @example const p: OutgoingCallInviteeProps = { user }
 */
export type OutgoingCallInviteeProps = HTMLAttributes<HTMLLIElement> & ({ user: CallUser; failure?: never } | { failure: ErrorInvitee; user?: never });

/**
 * One row of the "Calling …" list: avatar, name, a live state badge (`busy` for a busy rejection),
 * the reason when the server did not invite them, and — in a call with several invitees — a
 * button that cancels just this one while they ring.
 * @example <OutgoingCallDialog><ul>{invitees.map((u) => <OutgoingCallInvitee key={u.userID} user={u} />)}</ul></OutgoingCallDialog>
 */
export const OutgoingCallInvitee = forwardRef<HTMLLIElement, OutgoingCallInviteeProps>(function OutgoingCallInvitee({ user, failure, ...props }, ref) {
  const { call, errorInvitees, labels, getUser } = useOutgoingCallContext();
  const display = useDisplayUser(user?.userID ?? failure!.userID, getUser);
  const status = user ? inviteeStatus(user) : 'failed';
  const several = call.invitees.length + errorInvitees.length > 1;
  const cancelable = !!user && several && call.isInviter && isPending(user.state);
  const own = { className: 'rk-outgoing-call-dialog__invitee', 'data-rk-state': status };
  return (
    <li ref={ref} {...mergeProps(own, props as Record<string, unknown>)}>
      <UserAvatar user={display} size="small" />
      <span className="rk-outgoing-call-dialog__name">
        {display.name}
        {failure && (
          <span className="rk-outgoing-call-dialog__reason">
            {labels.failures[failure.code as keyof typeof labels.failures] ?? labels.failures.other}
          </span>
        )}
      </span>
      {user ? (
        <StateBadge state={user.state} data-rk-state={status} {...(status === 'busy' && { label: labels.busy })} />
      ) : (
        <span className="rk-badge" data-rk-state="failed">
          {labels.notInvited}
        </span>
      )}
      {cancelable && (
        <button
          type="button"
          className="rk-button rk-outgoing-call-dialog__cancel-one"
          aria-label={labels.cancelInvitee(display.name)}
          title={labels.cancelInvitee(display.name)}
          disabled={call.disabled}
          onClick={() => void call.cancelInvitee(user.userID)}
        >
          <span aria-hidden="true">✕</span>
        </button>
      )}
    </li>
  );
});
