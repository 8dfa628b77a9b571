import { useQuery } from '@tanstack/react-query';
import { useMemo } from 'react';
import { useStore } from 'zustand';
import type { SignalingClient } from '../../client/SignalingClient.js';
import type { RingkitErrorInfo } from '../../store/RingkitState.js';
import { toErrorInfo } from '../../store/toErrorInfo.js';
import { ringkitQueryKeys } from '../data/ringkitQueryKeys.js';
import { retryTransient } from '../internal/retryTransient.js';
import { useRingkitStoreApi } from './useRingkitStoreApi.js';

/**
 * What `useGroupMembers` returns.
 * @example const { members, isLoading, error }: UseGroupMembersResult = useGroupMembers('class-1')
 */
export interface UseGroupMembersResult {
  /** The members' userIDs (empty while loading or without a group). */
  members: readonly string[];
  isLoading: boolean;
  error: RingkitErrorInfo | null;
}

const NOBODY: readonly string[] = [];

/**
 * The members of a group I belong to (`client.getGroupMembers`), as a TanStack query: fetched
 * while connected, cached per user and group, retried on transient failures.
 * @example
 * const { members } = useGroupMembers('class-1')
 * return <ul>{members.map((id) => <li key={id}>{id}</li>)}</ul>
 */
export function useGroupMembers(groupID: string | null | undefined, client?: SignalingClient): UseGroupMembersResult {
  const store = useRingkitStoreApi(client);
  const userID = useStore(store, (s) => s.userID);
  const connected = useStore(store, (s) => s.connectionState === 'connected');
  const query = useQuery({
    queryKey: ringkitQueryKeys.groupMembers(userID, groupID ?? ''),
    queryFn: async () => (await store.client.getGroupMembers(groupID!)).members,
    enabled: connected && userID !== '' && !!groupID,
    retry: retryTransient,
  });
  const error = useMemo(() => (query.error ? toErrorInfo(query.error) : null), [query.error]);
  return useMemo(
    () => ({ members: query.data ?? NOBODY, isLoading: !!groupID && query.isLoading, error }),
    [query.data, query.isLoading, groupID, error],
  );
}
