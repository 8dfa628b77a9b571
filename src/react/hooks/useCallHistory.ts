import { useEffect, useMemo } from 'react';
import type { SignalingClient } from '../../client/SignalingClient.js';
import type { Conversation, Invitation, SignalingMessage } from '../../protocol/types.js';
import type { HistoryResult } from '../../protocol/wire.js';
import { useRingkitStoreApi } from './useRingkitStoreApi.js';
import { usePagedList } from '../internal/usePagedList.js';
import type { PageStatus } from '../types/PageStatus.js';
import { ringkitQueryKeys } from '../data/ringkitQueryKeys.js';

/**
 * What `useCallHistory` returns.
 * @example const { messages, hasNextPage, fetchNextPage }: UseCallHistoryResult = useCallHistory({ type: 'group', groupID: 'class-1' })
 */
export interface UseCallHistoryResult extends PageStatus {
  /** Signaling messages loaded so far, newest first (render call records from `message.signaling`). */
  messages: readonly SignalingMessage[];
}

const messagesOf = (page: HistoryResult) => page.messages;

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
  const count = options.count ?? 20;
  const type = conversation.type;
  const peer = conversation.type === 'c2c' ? conversation.userID : conversation.groupID;
  const stable = useMemo<Conversation>(() => (type === 'c2c' ? { type, userID: peer } : { type, groupID: peer }), [type, peer]);
  const { items: messages, status, target, userID, queryClient } = usePagedList(useRingkitStoreApi(client), {
    queryKey: (user) => ringkitQueryKeys.history(user, stable, count),
    fetchPage: (on, cursor) => on.getHistory({ conversation: stable, count, cursor }),
    nextCursor: (page) => page.cursor,
    itemsOf: messagesOf,
  });

  useEffect(() => {
    const queryKey = ringkitQueryKeys.history(userID, stable, count);
    return target.on('invitationUpdated', ({ invitation }) => {
      if (belongsTo(invitation, stable)) void queryClient.invalidateQueries({ queryKey });
    });
  }, [target, queryClient, userID, stable, count]);

  return useMemo(() => ({ messages, ...status }), [messages, status]);
}
