import type { SyncResult, WireUpdate } from '../protocol/wire.js';
import { callsHeldBy } from './callsHeldBy.js';
import type { GroupDirectory } from './groups.js';
import { liveDeviceIDs } from './presenceKey.js';
import { canSee, isRecipient } from './recipients.js';
import type { RingkitStorage } from './storage.js';

/**
 * What a (re)connecting device is missing (docs/protocol.md section 6): the current snapshot of every
 * invitation it should hear about and holds an older version of (or none), the newest state of
 * every invitation it already knows, and invitations that ended while none of the user's devices
 * was connected (`missed: true`), until a device acknowledges them with `session:missedSeen`.
 * onlineUserOnly invitations are never delivered to a device that did not have them. `detached`
 * names the calls the user is in on a device that is not connected.
 * @example const { updates, detached } = await syncUser({ storage, groups, session, known: {}, serverTime: Date.now() })
 */
export async function syncUser(input: {
  storage: RingkitStorage;
  groups: GroupDirectory;
  session: { userID: string; deviceID: string };
  known: Record<string, number>;
  serverTime: number;
}): Promise<SyncResult> {
  const { storage, groups, session, known, serverTime } = input;
  const { userID } = session;
  const groupIDs = await groups.groupsOf(userID);
  const [own, missed, ...ofGroups] = await Promise.all([
    storage.activeInvitationsOfUser(userID),
    storage.missedOf(userID),
    ...groupIDs.map((g) => storage.activeInvitationsOfGroup(g)),
  ]);
  const missedSet = new Set(missed);
  const ids = [...new Set([...own, ...ofGroups.flat(), ...missed, ...Object.keys(known)])];
  const [invitations, connections] = await Promise.all([storage.getInvitations(ids), storage.liveConnections(userID)]);
  const live = liveDeviceIDs(connections);
  const detached = callsHeldBy(invitations, userID)
    .filter((c) => c.deviceID !== undefined && !live.has(c.deviceID))
    .map((c) => c.inviteID);
  const updates: WireUpdate[] = [];
  // A known ID that does not exist and one the user may not see answer alike (PROTOCOL §4: a stranger learns nothing).
  const unknown: string[] = [];
  for (const [i, inv] of invitations.entries()) {
    const held = known[ids[i]!];
    if (!inv) {
      if (held !== undefined) unknown.push(ids[i]!);
      continue;
    }
    const isMissed = missedSet.has(inv.inviteID);
    if (held !== undefined && !isMissed && !(await canSee(inv, userID, groups))) {
      unknown.push(inv.inviteID);
      continue;
    }
    if (held !== undefined && held >= inv.version && !isMissed) continue;
    if (held === undefined && !isMissed && (inv.state !== 'active' || inv.onlineUserOnly || !(await isRecipient(inv, userID, groups)))) continue;
    updates.push({ invitation: inv, serverTime, ...(isMissed && { missed: true }) });
  }
  return { userID, deviceID: session.deviceID, serverTime, updates, unknown, detached };
}
