import { createContext, useCallback, useContext, useMemo, type ReactNode } from 'react';

/**
 * How a component shows a user: a display name and, optionally, an avatar picture.
 * @example const u: DisplayUser = { userID: 'u42', name: 'Ada Lovelace', avatarUrl: '/a/u42.png' }
 */
export interface DisplayUser {
  userID: string;
  name: string;
  avatarUrl?: string;
}

/**
 * Maps a userID to what your app knows of that user (return undefined to show the userID).
 * @example const getUser: GetUser = (id) => ({ name: contacts[id]?.name ?? id, avatarUrl: contacts[id]?.photo })
 */
export type GetUser = (userID: string) => Partial<Omit<DisplayUser, 'userID'>> | undefined;

const UsersContext = createContext<GetUser | null>(null);

/**
 * Props of `RingkitUsersProvider`.
 * @example const p: RingkitUsersProviderProps = { getUser: (id) => ({ name: id.toUpperCase() }) }
 */
export interface RingkitUsersProviderProps {
  getUser: GetUser;
  children?: ReactNode;
}

/**
 * Tells every ringkit component below it how to show users (names and avatars instead of userIDs).
 * Each component also takes its own `getUser` prop, which wins.
 * @example <RingkitUsersProvider getUser={(id) => directory[id]}><RingingDialog /></RingkitUsersProvider>
 */
export function RingkitUsersProvider({ getUser, children }: RingkitUsersProviderProps) {
  return <UsersContext.Provider value={getUser}>{children}</UsersContext.Provider>;
}

/**
 * The `DisplayUser` for a userID: the component's `getUser`, else the provider's, else the userID.
 * @example const { name, avatarUrl } = useDisplayUser(invitation.inviter, props.getUser)
 */
export function useDisplayUser(userID: string, getUser?: GetUser): DisplayUser {
  const { name, avatarUrl } = useUserLookup(getUser)(userID);
  return useMemo(() => ({ userID, name, ...(avatarUrl ? { avatarUrl } : {}) }), [userID, name, avatarUrl]);
}

/**
 * A function from userID to `DisplayUser` (the component's `getUser`, else the provider's), for
 * components that show or search many users at once.
 * @example const displayUser = useUserLookup(props.getUser); users.filter((u) => displayUser(u.userID).name.includes(query))
 */
export function useUserLookup(getUser?: GetUser): (userID: string) => DisplayUser {
  const fromContext = useContext(UsersContext);
  const lookup = getUser ?? fromContext;
  return useCallback(
    (userID: string) => {
      const found = lookup?.(userID);
      return { userID, name: found?.name || userID, ...(found?.avatarUrl ? { avatarUrl: found.avatarUrl } : {}) };
    },
    [lookup],
  );
}
