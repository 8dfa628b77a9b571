import { forwardRef, type HTMLAttributes } from 'react';
import { mergeProps } from '../../mergeProps.js';
import { useUserLookup } from '../../context/RingkitUsersProvider.js';
import { UserAvatar } from '../shared/UserAvatar.js';
import { usePhoneContext } from './PhoneContext.js';

/**
 * Props of `PhoneContacts`.
 * @example const p: PhoneContactsProps = { contacts: ['bob', 'carol'] }
 */
export interface PhoneContactsProps extends HTMLAttributes<HTMLUListElement> {
  /** The userIDs to offer, in this order (names and avatars from `getUser`). */
  contacts: readonly string[];
}

/**
 * One row per contact: avatar, name and a **Call** button ("Call Bob"); the signed-in user is left
 * out, so one contact list can serve everyone.
 * @example <Phone><PhoneContacts contacts={['bob', 'carol']} /></Phone>
 */
export const PhoneContacts = forwardRef<HTMLUListElement, PhoneContactsProps>(function PhoneContacts({ contacts, ...props }, ref) {
  const { dial, canDial, labels, getUser, self } = usePhoneContext();
  const displayUser = useUserLookup(getUser);
  return (
    <ul ref={ref} {...mergeProps({ className: 'rk-list rk-phone__contacts', 'aria-label': labels.contacts }, props as Record<string, unknown>)}>
      {contacts.filter((userID) => userID !== self).map((userID) => {
        const user = displayUser(userID);
        return (
          <li key={userID} className="rk-phone__contact">
            <UserAvatar user={user} />
            <span className="rk-phone__contact-name">{user.name}</span>
            <button
              type="button"
              className="rk-button rk-phone__contact-call"
              aria-label={labels.callContact(user.name)}
              disabled={!canDial}
              onClick={() => dial(userID)}
            >
              {labels.call}
            </button>
          </li>
        );
      })}
    </ul>
  );
});
