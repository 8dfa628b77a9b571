import { describe, expect, it } from 'vitest';
import type { CallUser, Invitation } from '../../src/protocol/types.js';
import { Emitter } from '../../src/client/Emitter.js';
import { InvitationMirror } from '../../src/client/InvitationMirror.js';
import type { Transport } from '../../src/client/Transport.js';
import type { ClientEventMap } from '../../src/protocol/events.js';

const bob = (state: CallUser['state'], version: number): CallUser => ({ userID: 'bob', state, data: '', updateTime: 1000 + version, timeout: 30, version });

const invitation = (inviteID: string, state: Invitation['state'], user: CallUser): Invitation => ({
  inviteID, inviter: 'alice', inviterDeviceID: 'a1', state, mode: 'normal', data: '', timeout: 30, createTime: 1000, version: user.version,
  onlineUserOnly: false, enableNotReceivedCheck: false, users: [user],
});

describe('receipts: one per ring, and the mirror forgets them when the call ends', () => {
  it('a device rung 1,000 times keeps a receipt key only for the invitation still ringing', async () => {
    const sent: string[] = [];
    const transport = {
      open() {},
      close() {},
      request: () => Promise.reject(new Error('unused')),
      notify: (_name: string, params: { inviteID: string }) => (sent.push(params.inviteID), true),
    } as unknown as Transport;
    const mirror = new InvitationMirror({ transport, emitter: new Emitter<ClientEventMap>(), requestTimeoutMs: 60_000, identity: () => ({ userID: 'bob', deviceID: 'b1' }) });
    for (let i = 0; i < 1000; i++) {
      await mirror.apply({ invitation: invitation(`i${i}`, 'active', bob('inviting', 1)), serverTime: 1001 }, 'push');
      await mirror.apply({ invitation: invitation(`i${i}`, 'active', bob('inviting', 1)), serverTime: 1001 }, 'sync'); // the same ring again
      await mirror.apply({ invitation: invitation(`i${i}`, 'ended', bob('cancelled', 2)), serverTime: 1002 }, 'push');
    }
    await mirror.apply({ invitation: invitation('ringing', 'active', bob('inviting', 1)), serverTime: 1001 }, 'push');
    expect(sent).toHaveLength(1001); // one receipt per ring, none for the repeat
    expect(mirror.acknowledgedCount).toBe(1);
  });
});
