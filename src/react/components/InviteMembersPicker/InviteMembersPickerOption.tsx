import { forwardRef, useId, type LiHTMLAttributes } from 'react';
import type { MemberChoice } from '../../data/pickMembers.js';
import { mergeProps } from '../../mergeProps.js';
import type { DisplayUser } from '../../context/RingkitUsersProvider.js';
import { UserAvatar } from '../shared/UserAvatar.js';

/**
 * Props of `InviteMembersPickerOption`.
 * @example const p: InviteMembersPickerOptionProps = { choice, user, onToggle: (id, on) => {} }
 */
export interface InviteMembersPickerOptionProps extends Omit<LiHTMLAttributes<HTMLLIElement>, 'onToggle'> {
  choice: MemberChoice;
  user: DisplayUser;
  /** Why it cannot be picked, shown next to the name (and read as its description). */
  reason?: string | undefined;
  /** The id of the element that says how many can still be added (described by a row at the limit). */
  limitID?: string;
  onToggle: (userID: string, checked: boolean) => void;
}

/**
 * One member of `InviteMembersPicker`: a checkbox labelled by the member's name, disabled with the
 * reason visible when they are in the call, ringing, or the call is full.
 * @example <InviteMembersPickerOption choice={{ userID: 'ada', availability: 'inCall', checked: false }} user={ada} reason="In the call" onToggle={toggle} />
 */
export const InviteMembersPickerOption = forwardRef<HTMLLIElement, InviteMembersPickerOptionProps>(function InviteMembersPickerOption({ choice, user, reason, limitID, onToggle, ...props }, ref) {
  const inputID = useId();
  const reasonID = useId();
  const described = [reason ? reasonID : '', choice.availability === 'full' && limitID ? limitID : ''].filter(Boolean).join(' ');
  const own = { className: 'rk-invite-members-picker__member', 'data-rk-state': choice.availability };
  return (
    <li ref={ref} {...mergeProps(own, props as Record<string, unknown>)}>
      <input
        id={inputID}
        type="checkbox"
        className="rk-invite-members-picker__checkbox"
        checked={choice.checked}
        disabled={choice.availability !== 'available'}
        aria-describedby={described || undefined}
        onChange={(e) => onToggle(choice.userID, e.target.checked)}
      />
      <UserAvatar user={user} size="small" />
      <label htmlFor={inputID} className="rk-invite-members-picker__name">
        {user.name}
      </label>
      {reason && (
        <span id={reasonID} className="rk-invite-members-picker__reason">
          {reason}
        </span>
      )}
    </li>
  );
});
