import { describe, expect, it } from 'vitest';
import { createMemoryStorage } from '../../src/engine/memory/createMemoryStorage.js';
import type { HistoryDraft } from '../../src/engine/storage.js';
import type { Invitation } from '../../src/protocol/types.js';
import { describeStorageContract } from './storageContract.js';

describeStorageContract('memory', async () => {
  const storage = createMemoryStorage();
  // One process holds the data, so a "peer" is the same store.
  return { storage, cleanup: async () => {}, openPeer: async () => storage };
});

describe('memory storage: a commit stores the invitation at once and its bookkeeping after the running microtasks', () => {
  const invitation = (version: number): Invitation => ({
    inviteID: 'i1', inviter: 'alice', inviterDeviceID: 'a1', state: 'active', mode: 'normal', data: '', timeout: 30, createTime: 1000, version,
    onlineUserOnly: false, enableNotReceivedCheck: false, users: [{ userID: 'bob', state: 'inviting', data: '', updateTime: 1000, timeout: 30, version }],
  });
  const entry = (actionType: 'invite' | 'accept'): HistoryDraft => ({
    key: 'c2c:alice|bob', sender: 'alice', time: 1000,
    signaling: { inviteID: 'i1', inviter: 'alice', inviteeList: ['bob'], data: '', timeout: 30, actionType },
  });

  it('so a publication chained on the commit goes first; any read, or the next commit, applies it before it looks', async () => {
    const storage = createMemoryStorage();
    const order: string[] = [];
    const commit = (version: number, actionType: 'invite' | 'accept') =>
      storage.commit({
        invitation: invitation(version),
        expectedVersion: version - 1,
        indexUsers: ['alice', 'bob'],
        missedUsers: [],
        get history() {
          order.push(`history ${actionType}`);
          return [entry(actionType)];
        },
        nextTickAt: null,
      });
    // Like the engine: the commit, then a few more microtasks, then the write.
    await commit(1, 'invite');
    await Promise.resolve();
    order.push('publication written');
    await new Promise((resolve) => setImmediate(resolve));
    expect(order).toEqual(['publication written', 'history invite']);
    expect(await storage.getInvitation('i1')).toMatchObject({ version: 1 });

    await commit(2, 'accept');
    const page = await storage.getHistory('c2c:alice|bob', 10, 0); // a read applies it first
    expect(page.entries.map((e) => e.signaling.actionType)).toEqual(['accept', 'invite']);
    expect((await storage.listUserInvitations('bob', 10, 0)).inviteIDs).toEqual(['i1']);
  });
});
