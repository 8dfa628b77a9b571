import { useInfiniteQuery, useQueryClient } from '@tanstack/react-query';
import { useEffect, useMemo } from 'react';
import { useStore } from 'zustand';
import type { SignalingClient } from '../client/SignalingClient.js';
import type { Conversation, Invitation, SignalingMessage } from '../protocol/types.js';
import type { RingkitErrorInfo } from '../store/RingkitState.js';
import { toErrorInfo } from '../store/toErrorInfo.js';
import { retryTransient } from './internal/retryTransient.js';
import { ringkitQueryKeys } from './queryKeys.js';
import { useRingkitStoreApi } from './useRingkitStoreApi.js';

/**
 * What `useCallHistory` returns.
 * @example const { messages, hasNextPage, fetchNextPage }: UseCallHistoryResult = useCallHistory({ type: 'group', groupID: 'class-1' })
 */
export interface UseCallHistoryResult {
  /** Signaling messages loaded so far, newest first (render call records from `message.signaling`). */
  messages: readonly SignalingMessage[];
  hasNextPage: boolean;
  fetchNextPage(): Promise<unknown>;
  isLoading: boolean;
  isFetchingNextPage: boolean;
  error: RingkitErrorInfo | null;
}

/** Whether a change to `invitation` adds a message to `conversation`'s history. */
function belongsTo(invitation: Invitation, conversation: Conversation): boolean {
  if (conversation.type === 'group') return invitation.groupID === conversation.groupID;
  return invitation.groupID === undefined && (invitation.inviter === conversation.userID || invitation.users.some((u) => u.userID === conversation.userID));
}

/**
 * The signaling history of a conversation (`getHistory`), newest first, as a TanStack infinite
 * query, refetched whenever a live change adds a message to it. Needs a QueryClient
 * (RingkitProvider gives one when the app has none).
 * @example
 * const { messages } = useCallHistory({ type: 'c2c', userID: 'bob' })
 * <ul>{messages.map((m) => <li key={m.messageID}>{m.sender} {m.signaling.actionType}</li>)}</ul>
 */
export function useCallHistory(conversation: Conversation, options: { count?: number } = {}, client?: SignalingClient): UseCallHistoryResult {
  const store = useRingkitStoreApi(client);
  const { client: target } = store;
  const count = options.count ?? 20;
  const userID = useStore(store, (s) => s.userID);
  const connected = useStore(store, (s) => s.connectionState === 'connected');
  const queryClient = useQueryClient();
  const type = conversation.type;
  const peer = conversation.type === 'c2c' ? conversation.userID : conversation.groupID;
  const stable = useMemo<Conversation>(() => (type === 'c2c' ? { type, userID: peer } : { type, groupID: peer }), [type, peer]);
  const query = useInfiniteQuery({
    queryKey: ringkitQueryKeys.history(userID, stable, count),
    queryFn: ({ pageParam }) => target.getHistory({ conversation: stable, count, cursor: pageParam }),
    initialPageParam: 0,
    getNextPageParam: (last) => last.cursor || undefined,
    enabled: connected && userID !== '',
    retry: retryTransient,
  });

  useEffect(() => {
    const queryKey = ringkitQueryKeys.history(userID, stable, count);
    return target.on('invitationUpdated', ({ invitation }) => {
      if (belongsTo(invitation, stable)) void queryClient.invalidateQueries({ queryKey });
    });
  }, [target, queryClient, userID, stable, count]);

  const messages = useMemo(() => query.data?.pages.flatMap((p) => p.messages) ?? [], [query.data]);
  const error = useMemo(() => (query.error ? toErrorInfo(query.error) : null), [query.error]);
  const { hasNextPage, fetchNextPage, isLoading, isFetchingNextPage } = query;
  return useMemo(
    () => ({ messages, hasNextPage, fetchNextPage, isLoading, isFetchingNextPage, error }),
    [messages, hasNextPage, fetchNextPage, isLoading, isFetchingNextPage, error],
  );
}
