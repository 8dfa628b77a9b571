import { describe, expect, it } from 'vitest';
import { audienceOf } from '../../src/engine/recipients.js';
import type { GroupDirectory } from '../../src/engine/groups.js';
import type { Invitation } from '../../src/protocol/types.js';
import { createMemoryGroupDirectory } from '../../src/engine/memory/createMemoryGroupDirectory.js';
import { describeGroupDirectoryContract } from './groupDirectoryContract.js';

describeGroupDirectoryContract('memory', async () => ({ groups: createMemoryGroupDirectory(), cleanup: async () => {} }));

describe('memory directory: memberSet (the set it keeps, no copy), and audienceOf gives the same audience with it or without', () => {
  it('memberSet follows membership changes; a class\'s audience is the group plus the users outside it', async () => {
    const groups = createMemoryGroupDirectory();
    await groups.createGroup('class', ['teacher', 's1', 's2', 's3']);
    expect([...((await groups.memberSet!('class')) ?? [])]).toEqual(['teacher', 's1', 's2', 's3']);
    expect(await groups.memberSet!('none')).toBeUndefined();
    await groups.removeMembers('class', ['s3']);
    expect((await groups.memberSet!('class'))?.has('s3')).toBe(false);

    const inv = {
      inviteID: 'i',
      inviter: 'teacher',
      groupID: 'class',
      mode: 'simple',
      state: 'active',
      users: ['s1', 's2', 's3', 'guest'].map((userID) => ({ userID, state: 'inviting' })),
    } as unknown as Invitation;
    const withoutSet: GroupDirectory = { ...groups, memberSet: undefined } as GroupDirectory;
    const a = await audienceOf(inv, ['s1'], groups, true);
    const b = await audienceOf(inv, ['s1'], withoutSet, true);
    expect(a).toEqual(b);
    expect([...a.recipients].sort()).toEqual(['guest', 's3']);
    expect(a.recipientCount).toBe(5);
  });
});
