import { describe, expect, it } from 'vitest';
import type { RingkitError } from '../../src/index.js';
import { createMemoryStorage } from '../../src/server/index.js';
import { connectClient, startServer, until } from '../support/harness.js';

const codeOf = async (p: Promise<unknown>) => (await p.then(() => 'resolved', (e: RingkitError) => e.code)) as string;

describe('modify: alice changes the call while it rings', () => {
  it('every invitee and alice\'s other device hear invitationModified with the new data', async () => {
    const storage = createMemoryStorage();
    const server = await startServer({ storage });
    const alice = await connectClient(server, 'alice', { deviceID: 'desk' });
    const alicePhone = await connectClient(server, 'alice', { deviceID: 'phone' });
    const bob = await connectClient(server, 'bob');
    const carol = await connectClient(server, 'carol');

    const { inviteID, invitation } = await alice.invite(['bob', 'carol'], { timeout: 30, data: 'audio' });
    await bob.next('invitationReceived', (e) => e.inviteID === inviteID);
    const result = await alice.modify(inviteID, 'video');
    expect(result.invitation.data).toBe('video');
    expect(result.invitation.version).toBeGreaterThan(invitation.version);

    for (const c of [bob, carol, alicePhone]) {
      const e = await c.next('invitationModified', (x) => x.inviteID === inviteID);
      expect(e.data, c.deviceID).toBe('video');
      expect(c.getInvitation(inviteID)?.data).toBe('video');
    }
    const onServer = await storage.getInvitation(inviteID);
    expect(onServer?.data).toBe('video');
    expect(onServer?.state).toBe('active');
    // User states are untouched by a modify.
    expect(onServer?.users.every((u) => ['inviting', 'received'].includes(u.state))).toBe(true);
    await until(() => [bob, carol].every((c) => c.getInvitation(inviteID)?.version === onServer?.version));
    // Each heard it once.
    expect(bob.seen('invitationModified')).toHaveLength(1);
    expect(bob.seen('invitationReceived')).toHaveLength(1);
  });

  it('an invitee who already answered is not told about later changes, but the one still ringing is', async () => {
    const server = await startServer();
    const alice = await connectClient(server, 'alice');
    const bob = await connectClient(server, 'bob');
    const carol = await connectClient(server, 'carol');
    const { inviteID } = await alice.invite(['bob', 'carol'], { timeout: 30, data: 'v1' });
    await bob.reject(inviteID);
    await alice.next('inviteeRejected', (e) => e.inviteID === inviteID);
    await alice.modify(inviteID, 'v2');
    await carol.next('invitationModified', (e) => e.inviteID === inviteID && e.data === 'v2');
    // A later event to everyone still involved proves bob's silence is not just slowness.
    await alice.modify(inviteID, 'v3');
    await carol.next('invitationModified', (e) => e.inviteID === inviteID && e.data === 'v3');
    expect(bob.seen('invitationModified')).toEqual([]);
  });

  it('a modify right after bob rejects is not leaked to bob through coalescing (section 5 recipients)', async () => {
    // With the widest coalescing window, bob's reject and alice's modify usually land in one
    // burst; a few rounds make that near certain. A correct server passes every round.
    const server = await startServer({ coalesceWindowMs: 100 });
    const alice = await connectClient(server, 'alice');
    const bob = await connectClient(server, 'bob');
    const carol = await connectClient(server, 'carol');
    for (let round = 0; round < 5; round++) {
      const { inviteID } = await alice.invite(['bob', 'carol'], { timeout: 30, data: 'v1' });
      await bob.next('invitationReceived', (e) => e.inviteID === inviteID);
      await bob.reject(inviteID);
      await alice.modify(inviteID, 'v2');
      await carol.next('invitationModified', (e) => e.inviteID === inviteID && e.data === 'v2');
      await alice.next('inviteeRejected', (e) => e.inviteID === inviteID);
      await alice.modify(inviteID, 'v3');
      await carol.next('invitationModified', (e) => e.inviteID === inviteID && e.data === 'v3');
    }
    // bob's rejection is terminal: whether he hears a later modify must not depend on timing.
    expect(bob.seen('invitationModified')).toEqual([]);
  });

  it('only the inviter may modify: bob gets NO_PERMISSION, a stranger INVITATION_NOT_FOUND', async () => {
    const storage = createMemoryStorage();
    const server = await startServer({ storage });
    const alice = await connectClient(server, 'alice');
    const bob = await connectClient(server, 'bob');
    const mallory = await connectClient(server, 'mallory');
    const { inviteID } = await alice.invite('bob', { timeout: 30, data: 'original' });

    expect(await codeOf(bob.modify(inviteID, 'hijacked'))).toBe('NO_PERMISSION');
    expect(await codeOf(mallory.modify(inviteID, 'hijacked'))).toBe('INVITATION_NOT_FOUND');
    expect((await storage.getInvitation(inviteID))?.data).toBe('original');
  });

  it('an ended invitation cannot be modified, and oversized data is refused', async () => {
    const server = await startServer();
    const alice = await connectClient(server, 'alice');
    const bob = await connectClient(server, 'bob');
    const { inviteID } = await alice.invite('bob', { timeout: 30 });
    expect(await codeOf(alice.modify(inviteID, 'x'.repeat(8193)))).toBe('PAYLOAD_TOO_LARGE');
    await alice.modify(inviteID, 'x'.repeat(8192));
    await bob.accept(inviteID);
    expect(await codeOf(alice.modify(inviteID, 'after the end'))).toBe('INVALID_STATE');
  });
});
