import type { InfiniteData } from '@tanstack/react-query';
import { useEffect, useMemo, useSyncExternalStore } from 'react';
import { isNewerSnapshot } from '../../client/putSnapshot.js';
import type { SignalingClient } from '../../client/SignalingClient.js';
import type { Invitation } from '../../protocol/types.js';
import type { QueryInvitationsResult } from '../../protocol/wire.js';
import { useRingkitStoreApi } from './useRingkitStoreApi.js';
import { usePagedList } from '../internal/usePagedList.js';
import type { PageStatus } from '../types/PageStatus.js';
import { ringkitQueryKeys } from '../data/ringkitQueryKeys.js';
import { useStableArray } from '../internal/useStableArray.js';

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

/** Whether an invitation is on a loaded page. */
const onPages = (data: Pages, inviteID: string) => data.pages.some((page) => page.invitations.some((i) => i.inviteID === inviteID));

/**
 * Every invitation I am or was part of (`queryInvitations`), newest first, as a TanStack infinite
 * query: each loaded invitation is read from the client's snapshot by ID when that copy is newer
 * (so it stays live), and a new invitation refetches the pages. Needs a
 * QueryClient (RingkitProvider gives one when the app has none).
 * @example
 * const { invitations, hasNextPage, fetchNextPage } = useInvitationList({ count: 20 })
 * <ul>{invitations.map((i) => <li key={i.inviteID}>{i.inviter} · {i.state}</li>)}</ul>
 * {hasNextPage && <button onClick={() => fetchNextPage()}>More</button>}
 */
export function useInvitationList(options: { count?: number } = {}, client?: SignalingClient): UseInvitationListResult {
  const count = options.count ?? 20;
  const { items: fetched, status, target, userID, queryClient } = usePagedList(useRingkitStoreApi(client), {
    queryKey: (user) => ringkitQueryKeys.invitations(user, count),
    fetchPage: (on, nextFlag) => on.queryInvitations({ count, nextFlag }),
    nextCursor: (page) => page.nextFlag,
    itemsOf: invitationsOf,
  });

  // The pages keep the order and what the server said; each invitation the client mirrors is read
  // from its snapshot by ID when that copy is newer (the client's one version guard).
  const live = useSyncExternalStore(target.subscribe, target.getSnapshot, target.getSnapshot);
  const invitations = useStableArray(
    useMemo(() => fetched.map((i) => (isNewerSnapshot(i, live[i.inviteID] ?? i) ? live[i.inviteID]! : i)), [fetched, live]),
  );

  // A new invitation (not on a loaded page) refetches the pages.
  useEffect(() => {
    const queryKey = ringkitQueryKeys.invitations(userID, count);
    return target.on('invitationUpdated', ({ invitation }) => {
      const data = queryClient.getQueryData<Pages>(queryKey);
      if (data && !onPages(data, invitation.inviteID)) void queryClient.invalidateQueries({ queryKey });
    });
  }, [target, queryClient, userID, count]);

  return useMemo(() => ({ invitations, ...status }), [invitations, status]);
}
