import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { GroupDirectory } from '../../src/engine/groups.js';

/** What a group-directory factory hands the contract suite. */
export interface GroupDirectoryFixture {
  groups: GroupDirectory;
  cleanup: () => Promise<void>;
}

const sorted = (values: string[] | undefined) => values && [...values].sort();

/**
 * The `GroupDirectory` contract of `src/engine/groups.ts`, run against any implementation.
 * @example describeGroupDirectoryContract('memory', async () => ({ groups: createMemoryGroupDirectory(), cleanup: async () => {} }))
 */
export function describeGroupDirectoryContract(name: string, makeGroups: () => Promise<GroupDirectoryFixture>): void {
  describe(`group directory contract: ${name}`, () => {
    let fixture: GroupDirectoryFixture;
    let groups: GroupDirectory;
    beforeEach(async () => {
      fixture = await makeGroups();
      groups = fixture.groups;
    });
    afterEach(async () => {
      await fixture.cleanup();
    });

    it('creates a group with its members, and an empty one', async () => {
      await groups.createGroup('class-1', ['teacher', 's1', 's2', 's1']);
      await groups.createGroup('empty', []);
      expect(sorted(await groups.getMembers('class-1'))).toEqual(['s1', 's2', 'teacher']);
      expect(await groups.getMembers('empty')).toEqual([]);
      expect(await groups.getMembers('missing')).toBeUndefined();
    });

    it('adds to an existing group when created again', async () => {
      await groups.createGroup('class-1', ['teacher']);
      await groups.createGroup('class-1', ['s1']);
      expect(sorted(await groups.getMembers('class-1'))).toEqual(['s1', 'teacher']);
    });

    it('adds and removes members, keeping membership both ways', async () => {
      await groups.createGroup('class-1', ['teacher']);
      await groups.createGroup('class-2', ['teacher']);
      await groups.addMembers('class-1', ['s1', 's2']);
      expect(await groups.isMember('class-1', 's1')).toBe(true);
      expect(sorted(await groups.groupsOf('teacher'))).toEqual(['class-1', 'class-2']);
      expect(await groups.groupsOf('s1')).toEqual(['class-1']);
      await groups.removeMembers('class-1', ['s1', 'nobody']);
      expect(await groups.isMember('class-1', 's1')).toBe(false);
      expect(await groups.groupsOf('s1')).toEqual([]);
      expect(sorted(await groups.getMembers('class-1'))).toEqual(['s2', 'teacher']);
    });

    it('ignores adding members to a group that does not exist', async () => {
      await groups.addMembers('missing', ['s1']);
      expect(await groups.getMembers('missing')).toBeUndefined();
      expect(await groups.isMember('missing', 's1')).toBe(false);
      expect(await groups.groupsOf('s1')).toEqual([]);
    });

    it('deletes a group and every membership in it', async () => {
      await groups.createGroup('class-1', ['teacher', 's1']);
      await groups.createGroup('class-2', ['teacher']);
      await groups.deleteGroup('class-1');
      await groups.deleteGroup('missing');
      expect(await groups.getMembers('class-1')).toBeUndefined();
      expect(await groups.isMember('class-1', 's1')).toBe(false);
      expect(await groups.groupsOf('s1')).toEqual([]);
      expect(await groups.groupsOf('teacher')).toEqual(['class-2']);
      await groups.createGroup('class-1', []);
      expect(await groups.getMembers('class-1')).toEqual([]);
    });

    it('answers for users and groups it never saw', async () => {
      expect(await groups.isMember('nothing', 'nobody')).toBe(false);
      expect(await groups.groupsOf('nobody')).toEqual([]);
    });
  });
}
