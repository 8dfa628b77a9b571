import type { InfiniteData } from '@tanstack/react-query';
import { useEffect, useMemo } from 'react';
import type { SignalingClient } from '../../client/SignalingClient.js';
import type { Invitation } from '../../protocol/types.js';
import type { QueryInvitationsResult } from '../../protocol/wire.js';
import { usePagedList } from '../internal/usePagedList.js';
import type { PageStatus } from '../types/PageStatus.js';
import { ringkitQueryKeys } from '../data/ringkitQueryKeys.js';

/**
 * What `useInvitationList` returns.
 * @example const { invitations, hasNextPage, fetchNextPage }: UseInvitationListResult = useInvitationList({ count: 20 })
 */
export interface UseInvitationListResult extends PageStatus {
  /** Every invitation loaded so far, newest first, with live snapshots. */
  invitations: readonly Invitation[];
}

type Pages = InfiniteData<QueryInvitationsResult, number>;

const invitationsOf = (page: QueryInvitationsResult) => page.invitations;

/** Puts a newer snapshot into the cached pages; false when the invitation is not in them. */
function patchPages(data: Pages, invitation: Invitation): Pages | false {
  let found = false;
  const pages = data.pages.map((page) => ({
    ...page,
    invitations: page.invitations.map((held) => {
      if (held.inviteID !== invitation.inviteID) return held;
      found = true;
      return held.version >= invitation.version ? held : invitation;
    }),
  }));
  return found && { ...data, pages };
}

/**
 * Every invitation I am or was part of (`queryInvitations`), newest first, as a TanStack infinite
 * query: live events patch loaded invitations in place and refetch when a new one appears. Needs a
 * QueryClient (RingkitProvider gives one when the app has none).
 * @example
 * const { invitations, hasNextPage, fetchNextPage } = useInvitationList({ count: 20 })
 * <ul>{invitations.map((i) => <li key={i.inviteID}>{i.inviter} · {i.state}</li>)}</ul>
 * {hasNextPage && <button onClick={() => fetchNextPage()}>More</button>}
 */
export function useInvitationList(options: { count?: number } = {}, client?: SignalingClient): UseInvitationListResult {
  const count = options.count ?? 20;
  const { items: invitations, status, target, userID, queryClient } = usePagedList(client, {
    queryKey: (user) => ringkitQueryKeys.invitations(user, count),
    fetchPage: (on, nextFlag) => on.queryInvitations({ count, nextFlag }),
    nextCursor: (page) => page.nextFlag,
    itemsOf: invitationsOf,
  });

  useEffect(() => {
    const queryKey = ringkitQueryKeys.invitations(userID, count);
    return target.on('invitationUpdated', ({ invitation }) => {
      const data = queryClient.getQueryData<Pages>(queryKey);
      if (!data) return;
      const patched = patchPages(data, invitation);
      if (patched) queryClient.setQueryData(queryKey, patched);
      else void queryClient.invalidateQueries({ queryKey });
    });
  }, [target, queryClient, userID, count]);

  return useMemo(() => ({ invitations, ...status }), [invitations, status]);
}
