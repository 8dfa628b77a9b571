import { useInfiniteQuery, useQueryClient, type QueryClient, type QueryKey } from '@tanstack/react-query';
import { useMemo } from 'react';
import { useStore } from 'zustand';
import type { SignalingClient } from '../../client/SignalingClient.js';
import { toErrorInfo } from '../../store/toErrorInfo.js';
import type { RingkitStore } from '../../store/createRingkitStore.js';
import type { PageStatus } from '../types/PageStatus.js';
import { retryTransient } from './retryTransient.js';

/** How a list hook reads its pages. */
interface PagedListSpec<P, T> {
  queryKey: (userID: string) => QueryKey;
  /** Fetches the page at `cursor` (0 for the first). */
  fetchPage: (target: SignalingClient, cursor: number) => Promise<P>;
  /** The cursor of the page after `page`, 0 when it is the last. */
  nextCursor: (page: P) => number;
  /** The items of a page; a module-level function, so the flattened list keeps its reference. */
  itemsOf: (page: P) => readonly T[];
}

/**
 * What the paged list hooks share: a TanStack infinite query over a cursor-paged client request,
 * run while connected and signed in and retried on transient failures, with the items of every
 * loaded page flattened in order. Also returns the client, user and QueryClient the hook's live
 * updates need.
 */
export function usePagedList<P, T>(
  store: RingkitStore,
  { queryKey, fetchPage, nextCursor, itemsOf }: PagedListSpec<P, T>,
): { items: readonly T[]; status: PageStatus; target: SignalingClient; userID: string; queryClient: QueryClient } {
  const { client: target } = store;
  const userID = useStore(store, (s) => s.userID);
  const connected = useStore(store, (s) => s.connectionState === 'connected');
  const queryClient = useQueryClient();
  const query = useInfiniteQuery({
    queryKey: queryKey(userID),
    queryFn: ({ pageParam }) => fetchPage(target, pageParam),
    initialPageParam: 0,
    getNextPageParam: (last) => nextCursor(last) || undefined,
    enabled: connected && userID !== '',
    retry: retryTransient,
  });

  const items = useMemo(() => query.data?.pages.flatMap(itemsOf) ?? [], [query.data, itemsOf]);
  const error = useMemo(() => (query.error ? toErrorInfo(query.error) : null), [query.error]);
  const { hasNextPage, fetchNextPage, isLoading, isFetchingNextPage } = query;
  const status = useMemo(
    () => ({ hasNextPage, fetchNextPage, isLoading, isFetchingNextPage, error }),
    [hasNextPage, fetchNextPage, isLoading, isFetchingNextPage, error],
  );
  return { items, status, target, userID, queryClient };
}
