import { useQuery } from '@tanstack/react-query';
import { useState } from 'react';
import { useConnectionState, useRingkitEvent, useRingkitStoreApi } from '../../src/react/index.js';

/**
 * Joins a group while connected (again after every reconnect: a restarted in-memory server forgot
 * it) and lists its members in the order they joined, refreshed every `refreshMs` when given.
 * @example const { members } = useGroupMembership(CLASSROOM_GROUP, { refreshMs: 4000 }); const teacher = members?.[0]
 */
export function useGroupMembership(groupID: string, options: { refreshMs?: number } = {}): { members: readonly string[] | undefined } {
  const { client } = useRingkitStoreApi();
  const connected = useConnectionState() === 'connected';
  const [session, setSession] = useState(0);
  useRingkitEvent('connectionStateChanged', (event) => {
    if (event.state === 'connected') setSession((n) => n + 1);
  });
  const { data } = useQuery({
    queryKey: ['demo-group', client.userID, groupID, session],
    enabled: connected,
    refetchInterval: options.refreshMs ?? false,
    queryFn: async () => {
      await client.joinGroup(groupID);
      return (await client.getGroupMembers(groupID)).members;
    },
  });
  return { members: data };
}
