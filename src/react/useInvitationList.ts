import { useInfiniteQuery, useQueryClient, type InfiniteData } from '@tanstack/react-query';
import { useEffect, useMemo } from 'react';
import { useStore } from 'zustand';
import type { SignalingClient } from '../client/SignalingClient.js';
import type { Invitation } from '../protocol/types.js';
import type { QueryInvitationsResult } from '../protocol/wire.js';
import type { RingkitErrorInfo } from '../store/RingkitState.js';
import { toErrorInfo } from '../store/toErrorInfo.js';
import { retryTransient } from './internal/retryTransient.js';
import { ringkitQueryKeys } from './queryKeys.js';
import { useRingkitStoreApi } from './useRingkitStoreApi.js';

/**
 * What `useInvitationList` returns.
 * @example const { invitations, hasNextPage, fetchNextPage }: UseInvitationListResult = useInvitationList({ count: 20 })
 */
export interface UseInvitationListResult {
  /** Every invitation loaded so far, newest first, with live snapshots. */
  invitations: readonly Invitation[];
  hasNextPage: boolean;
  fetchNextPage(): Promise<unknown>;
  isLoading: boolean;
  isFetchingNextPage: boolean;
  error: RingkitErrorInfo | null;
}

type Pages = InfiniteData<QueryInvitationsResult, number>;

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
  const store = useRingkitStoreApi(client);
  const { client: target } = store;
  const count = options.count ?? 20;
  const userID = useStore(store, (s) => s.userID);
  const connected = useStore(store, (s) => s.connectionState === 'connected');
  const queryClient = useQueryClient();
  const query = useInfiniteQuery({
    queryKey: ringkitQueryKeys.invitations(userID, count),
    queryFn: ({ pageParam }) => target.queryInvitations({ count, nextFlag: pageParam }),
    initialPageParam: 0,
    getNextPageParam: (last) => last.nextFlag || undefined,
    enabled: connected && userID !== '',
    retry: retryTransient,
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

  const invitations = useMemo(() => query.data?.pages.flatMap((p) => p.invitations) ?? [], [query.data]);
  const error = useMemo(() => (query.error ? toErrorInfo(query.error) : null), [query.error]);
  const { hasNextPage, fetchNextPage, isLoading, isFetchingNextPage } = query;
  return useMemo(
    () => ({ invitations, hasNextPage, fetchNextPage, isLoading, isFetchingNextPage, error }),
    [invitations, hasNextPage, fetchNextPage, isLoading, isFetchingNextPage, error],
  );
}
