import type { RingkitStorage } from '../../src/engine/storage.js';
import type { Invitation } from '../../src/protocol/types.js';

/**
 * Reads the server's own truth about invitations from its storage: the stored snapshot, and a
 * wait until it satisfies a check (the error shows what is stored).
 * @example const { snapshot, untilSnapshot } = storageProbe(storage)
 */
export function storageProbe(storage: Pick<RingkitStorage, 'getInvitation'>) {
  async function snapshot(inviteID: string): Promise<Invitation> {
    const inv = await storage.getInvitation(inviteID);
    if (!inv) throw new Error(`the server has no invitation ${inviteID}`);
    return inv;
  }
  async function untilSnapshot(inviteID: string, check: (inv: Invitation) => boolean, what: string, timeoutMs = 5000) {
    const start = Date.now();
    for (;;) {
      const inv = await snapshot(inviteID);
      if (check(inv)) return inv;
      if (Date.now() - start > timeoutMs) {
        throw new Error(`timed out waiting for ${what}; server has ${JSON.stringify(inv.users.map((u) => [u.userID, u.state]))} (${inv.state})`);
      }
      await new Promise((resolve) => setTimeout(resolve, 10));
    }
  }
  return { snapshot, untilSnapshot };
}
