import { createLoopbackTransport, createSignalingClient, type SignalingClient } from '../../src/index.js';
import { createLoopbackServer, createMemoryGroupDirectory, createMemoryStorage, type Clock } from '../../src/engine/index.js';
import type { RingkitLimits } from '../../src/protocol/limits.js';

/**
 * An in-page ringkit (the real engine on memory storage) and one connected client per user, for
 * stories and demos that need no network.
 * @example const { clients: [alice, bob] } = await loopbackUsers(['alice', 'bob'])
 */
export async function loopbackUsers(userIDs: string[], groups: Record<string, string[]> = {}, limits: Partial<RingkitLimits> = {}, clock?: Clock) {
  const directory = createMemoryGroupDirectory();
  for (const [groupID, members] of Object.entries(groups)) await directory.createGroup(groupID, members);
  const server = createLoopbackServer({ storage: createMemoryStorage(), groups: directory, limits, ...(clock && { clock }) });
  const clients: SignalingClient[] = userIDs.map((userID) =>
    createSignalingClient({ transport: createLoopbackTransport(server, { userID }), userID }),
  );
  await Promise.all(clients.map((client) => client.connect()));
  return { server, clients };
}
