import type { Invitation } from '../../src/protocol/types.js';

/** A normal-mode invitation from alice, active at version 1 with no users, with `fields` laid over it. */
export function invitationFixture(fields: Partial<Invitation> = {}): Invitation {
  return {
    inviteID: 'inv-1',
    mode: 'normal',
    inviter: 'alice',
    data: '',
    timeout: 30,
    onlineUserOnly: false,
    enableNotReceivedCheck: false,
    createTime: 1000,
    state: 'active',
    version: 1,
    users: [],
    ...fields,
  };
}
