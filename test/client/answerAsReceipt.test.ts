import { describe, expect, it } from 'vitest';
import type { RingkitServer } from '../../src/server/index.js';
import { connectClient, startServer, until } from '../support/harness.js';

/** Counts the commands of each name the server reads from any device. */
function countCommands(server: RingkitServer): Map<string, number> {
  const counts = new Map<string, number>();
  server.io.on('connection', (socket) => socket.onAny((name: string) => counts.set(name, (counts.get(name) ?? 0) + 1)));
  return counts;
}

describe('an answer given as it rings stands in for the receipt', () => {
  it('bob accepts in his invitationReceived handler: no receipt is sent, alice hears the accept', async () => {
    const server = await startServer();
    const counts = countCommands(server);
    const alice = await connectClient(server, 'alice');
    const bob = await connectClient(server, 'bob');
    bob.on('invitationReceived', (e) => void bob.accept(e.inviteID));

    const { inviteID } = await alice.invite('bob');
    await alice.next('inviteeAccepted');
    await until(() => bob.getInvitation(inviteID)?.state === 'ended');
    expect(counts.get('invitation:accept')).toBe(1);
    expect(counts.get('invitation:received') ?? 0).toBe(0);
    expect(bob.getInvitation(inviteID)?.version).toBe(alice.getInvitation(inviteID)?.version);
  });

  it('an answer that fails leaves bob pending: the receipt follows it and alice sees received', async () => {
    const server = await startServer();
    const counts = countCommands(server);
    const alice = await connectClient(server, 'alice');
    const bob = await connectClient(server, 'bob');
    // Too much data: the accept is refused (PAYLOAD_TOO_LARGE) and changes nothing.
    const refused: string[] = [];
    bob.on('invitationReceived', (e) => void bob.accept(e.inviteID, { data: 'x'.repeat(9000) }).catch((err: { code: string }) => refused.push(err.code)));

    const { inviteID } = await alice.invite('bob');
    await alice.next('callUserStateChanged', (e) => e.callUserList.some((u) => u.userID === 'bob' && u.state === 'received'));
    expect(refused).toEqual(['PAYLOAD_TOO_LARGE']);
    expect(counts.get('invitation:received')).toBe(1);
    expect(alice.getInvitation(inviteID)?.users[0]?.state).toBe('received');
  });

  it('bob answers later: the receipt goes out as soon as it rings', async () => {
    const server = await startServer();
    const counts = countCommands(server);
    const alice = await connectClient(server, 'alice');
    const bob = await connectClient(server, 'bob');

    const { inviteID } = await alice.invite('bob');
    await alice.next('callUserStateChanged', (e) => e.callUserList.some((u) => u.userID === 'bob' && u.state === 'received'));
    expect(counts.get('invitation:received')).toBe(1);
    await bob.accept(inviteID);
    await alice.next('inviteeAccepted');
  });
});
