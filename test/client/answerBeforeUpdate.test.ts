import { describe, expect, it } from 'vitest';
import { createSignalingClient } from '../../src/index.js';
import type { CommandAck, CommandName } from '../../src/protocol/commands.js';
import type { Invitation } from '../../src/protocol/types.js';
import type { Transport, TransportListener } from '../../src/client/Transport.js';

const base: Invitation = {
  inviteID: 'inv-1', mode: 'normal', inviter: 'alice', data: '', timeout: 30, onlineUserOnly: false,
  enableNotReceivedCheck: false, createTime: 1000, state: 'active', version: 1,
  users: [{ userID: 'bob', state: 'inviting', data: '', updateTime: 1000, timeout: 30, version: 1 }],
};

/**
 * A transport that behaves like one network read holding two frames: the answer of alice's invite
 * (the whole invitation, as the server answers the change of a 1v1 call, with no update of it to
 * alice's device) and, right behind it, the update of bob's accept built on that answer.
 */
function oneReadTwoFrames(): { transport: Transport; gets: number } {
  let listener: TransportListener | undefined;
  const state = { gets: 0 } as { transport: Transport; gets: number };
  const accepted: Invitation = { ...base, state: 'ended', endReason: 'allAnswered', version: 2, users: [{ userID: 'bob', state: 'accepted', data: 'yes', updateTime: 1001, timeout: 30, version: 2, deviceID: 'bob-phone' }] };
  state.transport = {
    open(l) {
      listener = l;
      setTimeout(() => l.onOpen());
    },
    close() {},
    request(name: CommandName) {
      return new Promise((resolve) => {
        setTimeout(() => {
          let ack: CommandAck<CommandName>;
          if (name === 'session:sync') ack = { ok: true, result: { userID: 'alice', deviceID: 'alice-phone', serverTime: 1000, updates: [], unknown: [], detached: [] } } as never;
          else if (name === 'invitation:invite') ack = { ok: true, result: { inviteID: base.inviteID, invitation: base, errorInvitees: [] } } as never;
          else if (name === 'invitation:get') {
            state.gets++;
            ack = { ok: true, result: { invitation: accepted, serverTime: 1002 } } as never;
          } else ack = { ok: true, result: {} } as never;
          // As the socket transport does: the answer is handed over as it arrives, then settles.
          listener!.onAnswer?.(name, ack);
          resolve(ack as never);
          if (name === 'invitation:invite') listener!.onUpdate({ invitation: { ...accepted, users: accepted.users }, baseVersion: 1, serverTime: 1001 });
        });
      }) as never;
    },
  };
  return state;
}

describe('the answer of a change is mirrored in the order it arrived among the updates', () => {
  it('an update right behind the invite\'s answer applies on it: alice hears inviteeAccepted, no fetch', async () => {
    const fake = oneReadTwoFrames();
    const alice = createSignalingClient({ transport: fake.transport });
    await alice.connect();
    const heard: string[] = [];
    alice.on('inviteeAccepted', (e) => heard.push(`${e.invitee}:${e.data}`));
    await alice.invite('bob');
    await new Promise((r) => setTimeout(r, 20));
    expect(heard).toEqual(['bob:yes']);
    expect(alice.getInvitation('inv-1')).toMatchObject({ version: 2, state: 'ended' });
    expect(fake.gets).toBe(0);
  });
});
