import { describe, expect, it } from 'vitest';
import { systemClock } from '../../src/engine/clock.js';
import { createInvitationTransactions } from '../../src/engine/createInvitationTransactions.js';
import { Draft } from '../../src/engine/Draft.js';
import { silentLogger } from '../../src/engine/EngineLogger.js';
import { createMemoryGroupDirectory } from '../../src/engine/memory/createMemoryGroupDirectory.js';
import { createMemoryStorage } from '../../src/engine/memory/createMemoryStorage.js';
import type { WireUpdate } from '../../src/protocol/wire.js';
import type { Invitation } from '../../src/protocol/types.js';

describe('publishing a 1v1 call', () => {
  it('writes the change when its publication runs: no directory read, no microtask between', async () => {
    const delivered: [string[], WireUpdate][] = [];
    const tx = createInvitationTransactions({
      storage: createMemoryStorage(),
      groups: createMemoryGroupDirectory(),
      clock: systemClock,
      deliver: (users, update) => void delivered.push([users, update]),
      coalesceWindowMs: 100,
      notReceivedMs: 5000,
      logger: silentLogger,
    });
    const empty: Invitation = {
      inviteID: 'i1', inviter: 'alice', inviterDeviceID: 'a1', state: 'active', mode: 'normal', data: '', timeout: 30, createTime: Date.now(), version: 0,
      onlineUserOnly: false, enableNotReceivedCheck: false, users: [],
    };
    const draft = new Draft(empty, Date.now());
    draft.setUser('bob', 'inviting');
    const publish = await tx.create(draft);
    void publish();
    expect(delivered.map(([users]) => users)).toEqual([['alice', 'bob']]);
    expect(delivered[0]![1]).toMatchObject({ baseVersion: 0, invitation: { version: 1, users: [{ userID: 'bob', state: 'inviting' }] } });

    const { publish: accepted } = await tx.mutate('i1', 'bob', (d) => d.setUser('bob', 'accepted'));
    void accepted!();
    expect(delivered).toHaveLength(2);
    expect(delivered[1]![1]).toMatchObject({ baseVersion: 1, invitation: { version: 2, users: [{ userID: 'bob', state: 'accepted' }] } });
  });
});
