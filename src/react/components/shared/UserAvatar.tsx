import { forwardRef, type CSSProperties, type HTMLAttributes } from 'react';
import { mergeProps } from '../../mergeProps.js';
import type { DisplayUser } from '../../context/RingkitUsersProvider.js';

/**
 * Props of `UserAvatar`.
 * @example const p: UserAvatarProps = { user: { userID: 'ada', name: 'Ada' }, size: 'large' }
 */
export interface UserAvatarProps extends HTMLAttributes<HTMLSpanElement> {
  user: DisplayUser;
  size?: 'small' | 'medium' | 'large';
}

/** The first letters of up to two words of a name, upper-cased. */
function initials(name: string): string {
  const words = name.trim().split(/\s+/).filter(Boolean);
  const letters = words.length > 1 ? [words[0]!, words[words.length - 1]!] : words;
  return letters.map((w) => Array.from(w)[0] ?? '').join('').toUpperCase() || '?';
}

/**
 * A user's picture, or their initials on a colour derived from the userID. Decorative: the name
 * next to it is what assistive technology reads.
 * @example <UserAvatar user={useDisplayUser('ada')} size="large" />
 */
export const UserAvatar = forwardRef<HTMLSpanElement, UserAvatarProps>(function UserAvatar({ user, size = 'medium', ...props }, ref) {
  let hue = 0;
  for (const ch of user.userID) hue = (hue * 31 + ch.charCodeAt(0)) % 360;
  const own = {
    className: 'rk-avatar',
    'aria-hidden': true,
    'data-rk-size': size,
    style: { '--rk-avatar-hue': hue } as CSSProperties,
  };
  return (
    <span ref={ref} {...mergeProps(own, props)}>
      {user.avatarUrl ? <img className="rk-avatar__image" src={user.avatarUrl} alt="" /> : initials(user.name)}
    </span>
  );
});
