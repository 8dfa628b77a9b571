import { describe, expect, it } from 'vitest';
import type { SignalingMessage } from '../../src/index.js';
import { connectClient, type TestClient } from '../support/harness.js';
import { startCallServer } from './callSupport.js';

async function historyWith(client: TestClient, peer: string): Promise<SignalingMessage[]> {
  const { messages } = await client.getHistory({ conversation: { type: 'c2c', userID: peer }, count: 50 });
  return messages;
}

const actions = (messages: SignalingMessage[]) => messages.map((m) => m.signaling.actionType);

describe('signaling history of an advanced call', () => {
  it('records callingInvite, join, quit and end in the conversations between the inviter and the user concerned', async () => {
    const server = await startCallServer();
    const alice = await connectClient(server, 'alice');
    const bob = await connectClient(server, 'bob');
    const carol = await connectClient(server, 'carol');

    const { inviteID } = await alice.invite('bob', { mode: 'advanced', data: 'call', timeout: 30 });
    await bob.next('invitationReceived', (e) => e.inviteID === inviteID);
    await bob.accept(inviteID, { data: 'hi' });
    await bob.callingInvite(inviteID, ['carol'], { data: 'come in' });
    await carol.next('invitationReceived', (e) => e.inviteID === inviteID);
    await carol.join(inviteID, { data: 'joined' });
    await bob.quit(inviteID, { data: 'bye' });
    await alice.end(inviteID, { data: 'done' });

    // alice ↔ carol: newest first
    const withCarol = await historyWith(alice, 'carol');
    expect(actions(withCarol)).toEqual(['end', 'join', 'callingInvite']);
    const [end, join, callingInvite] = withCarol;
    expect(callingInvite).toMatchObject({ sender: 'bob', conversation: { type: 'c2c', userID: 'carol' } });
    expect(callingInvite!.signaling).toMatchObject({ inviteID, inviter: 'alice', inviteeList: ['carol'], data: 'come in' });
    expect(join).toMatchObject({ sender: 'carol', signaling: { inviteID, inviter: 'alice', inviteeList: ['carol'], data: 'joined' } });
    expect(end).toMatchObject({ sender: 'alice', signaling: { inviteID, inviter: 'alice', data: 'done' } });
    expect(end!.signaling.inviteeList).toContain('carol');
    for (const message of withCarol) expect(alice.getSignalingInfo(message)).toEqual(message.signaling);

    // carol reads the same conversation from her side
    const fromCarol = await historyWith(carol, 'alice');
    expect(fromCarol.map((m) => m.messageID)).toEqual(withCarol.map((m) => m.messageID));
    expect(fromCarol[0]!.conversation).toEqual({ type: 'c2c', userID: 'alice' });

    // alice ↔ bob: the whole story of bob's part, in order
    const withBob = actions(await historyWith(alice, 'bob')).filter((a) => a !== 'callingInvite');
    expect(withBob).toEqual(['end', 'quit', 'accept', 'invite']);
    const quit = (await historyWith(bob, 'alice')).find((m) => m.signaling.actionType === 'quit');
    expect(quit).toMatchObject({ sender: 'bob', signaling: { inviteID, inviteeList: ['bob'], data: 'bye' } });
  });
});
