import { describe, expect, it } from 'vitest';
import { Draft } from '../../src/engine/Draft.js';
import type { CallUser, Invitation } from '../../src/protocol/types.js';

const user = (userID: string): CallUser => ({ userID, state: 'inviting', data: '', updateTime: 0, timeout: 60, version: 1 });

/** A stored version of a wide invitation (20 users), as the memory storage keeps it: the committed draft's own users array. */
function stored(users = 20): Invitation {
  return {
    inviteID: 'inv',
    inviter: 'teacher',
    groupID: 'class',
    state: 'active',
    mode: 'simple',
    data: '',
    timeout: 60,
    onlineUserOnly: false,
    createTime: 0,
    version: 1,
    users: Array.from({ length: users }, (_, i) => user(`s${i}`)),
  } as unknown as Invitation;
}

describe('Draft: a wide invitation\'s user index is shared between versions, copied before a draft adds or removes a user', () => {
  it('the next draft of a committed version finds every user; one draft\'s new user never shows in another draft of the same version', () => {
    const first = new Draft(stored(), 10);
    first.setUser('s3', 'accepted');
    const committed = { ...first.invitation };

    const a = new Draft(committed, 20);
    const b = new Draft(committed, 20);
    expect(a.user('s3')?.state).toBe('accepted');
    expect(a.user('s19')?.userID).toBe('s19');
    a.setUser('newcomer', 'inviting');
    b.setUser('other', 'inviting');
    expect(a.user('newcomer')?.userID).toBe('newcomer');
    expect(b.user('newcomer')).toBeUndefined();
    expect(b.user('other')?.userID).toBe('other');
    expect(a.user('other')).toBeUndefined();
    // A version that neither draft committed still has its 20 users and no more.
    const c = new Draft(committed, 30);
    expect(c.user('newcomer')).toBeUndefined();
    expect(c.user('other')).toBeUndefined();
    expect(c.user('s0')?.userID).toBe('s0');
  });

  it('undoing a step that added a user removes it from that draft only', () => {
    const committed = { ...new Draft(stored(), 10).invitation };
    const a = new Draft(committed, 20);
    a.begin();
    a.setUser('late', 'inviting');
    a.undo();
    expect(a.user('late')).toBeUndefined();
    const b = new Draft({ ...a.invitation }, 30);
    b.setUser('later', 'inviting');
    expect(b.user('later')?.userID).toBe('later');
    expect(b.user('s5')?.userID).toBe('s5');
    expect(new Draft(committed, 40).user('later')).toBeUndefined();
  });
});
