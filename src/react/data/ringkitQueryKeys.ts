import type { Conversation } from '../../protocol/types.js';

/**
 * The TanStack Query keys ringkit's list hooks use, to invalidate or prefetch them yourself.
 * @example queryClient.invalidateQueries({ queryKey: ringkitQueryKeys.all })
 */
export const ringkitQueryKeys = {
  all: ['ringkit'] as const,
  invitations: (userID: string, count: number) => ['ringkit', userID, 'invitations', count] as const,
  groupMembers: (userID: string, groupID: string) => ['ringkit', userID, 'groupMembers', groupID] as const,
  history: (userID: string, conversation: Conversation, count: number) =>
    ['ringkit', userID, 'history', conversation.type, conversation.type === 'c2c' ? conversation.userID : conversation.groupID, count] as const,
};
