import { describe, expect, it } from 'vitest';
import type { RingkitError } from '../../src/index.js';
import { connectClient, startServer } from '../support/harness.js';

const codeOf = async (p: Promise<unknown>) => (await p.then(() => 'resolved', (e: RingkitError) => e.code)) as string;

describe('addInvitedSignaling: tracking an invitation learned elsewhere', () => {
  it('a fresh device of bob already tracks his pending invitation (it synced it), so the answer is ALREADY_EXISTS', async () => {
    const server = await startServer();
    const alice = await connectClient(server, 'alice');
    const phone = await connectClient(server, 'bob', { deviceID: 'phone' });
    const { inviteID } = await alice.invite('bob', { timeout: 30, data: 'hi' });
    await phone.next('invitationReceived', (e) => e.inviteID === inviteID);

    const tablet = await connectClient(server, 'bob', { deviceID: 'tablet' });
    expect(tablet.getInvitation(inviteID)).toBeDefined();
    expect(await codeOf(tablet.addInvitedSignaling({ inviteID }))).toBe('ALREADY_EXISTS');
    expect(await codeOf(phone.addInvitedSignaling({ inviteID }))).toBe('ALREADY_EXISTS');
    expect(tablet.seen('invitationReceived')).toHaveLength(1);
  });

  it('a stranger gets INVITATION_NOT_FOUND, and so does an unknown ID', async () => {
    const server = await startServer();
    const alice = await connectClient(server, 'alice');
    const mallory = await connectClient(server, 'mallory');
    const { inviteID } = await alice.invite('bob', { timeout: 30 });
    expect(await codeOf(mallory.addInvitedSignaling({ inviteID }))).toBe('INVITATION_NOT_FOUND');
    expect(await codeOf(mallory.addInvitedSignaling({ inviteID: 'AAAAAAAAAAAAAAAAAAAAAA' }))).toBe('INVITATION_NOT_FOUND');
    expect(mallory.getInvitation(inviteID)).toBeUndefined();
    expect(mallory.events.filter((r) => r.name !== 'connectionStateChanged')).toEqual([]);
  });

  it('a new device picks an ended invitation out of the call log and gets its terminal event', async () => {
    const server = await startServer();
    const alice = await connectClient(server, 'alice');
    const phone = await connectClient(server, 'bob', { deviceID: 'phone' });
    const { inviteID } = await alice.invite('bob', { timeout: 30 });
    await phone.next('invitationReceived', (e) => e.inviteID === inviteID);
    await alice.cancel(inviteID, { data: 'later' });
    await phone.next('invitationCancelled', (e) => e.inviteID === inviteID);

    const tablet = await connectClient(server, 'bob', { deviceID: 'tablet' });
    expect(tablet.getInvitation(inviteID)).toBeUndefined();
    const { messages } = await tablet.getHistory({ conversation: { type: 'c2c', userID: 'alice' } });
    const info = tablet.getSignalingInfo(messages.find((m) => m.signaling.actionType === 'invite'));
    expect(info?.inviteID).toBe(inviteID);

    await tablet.addInvitedSignaling(info!);
    expect(tablet.getInvitation(inviteID)).toMatchObject({ state: 'ended', endReason: 'cancelled' });
    const cancelled = await tablet.next('invitationCancelled', (e) => e.inviteID === inviteID);
    expect(cancelled).toMatchObject({ reason: 'cancelled', data: 'later' });
    expect(tablet.seen('invitationReceived')).toEqual([]);
    expect(await codeOf(tablet.addInvitedSignaling(info!))).toBe('ALREADY_EXISTS');
  });

  it('called right as the invitation arrives, bob still rings exactly once', async () => {
    const server = await startServer();
    const alice = await connectClient(server, 'alice');
    const bob = await connectClient(server, 'bob');
    const { inviteID } = await alice.invite('bob', { timeout: 30 });
    const outcome = await codeOf(bob.addInvitedSignaling({ inviteID }));
    expect(['resolved', 'ALREADY_EXISTS']).toContain(outcome);
    await bob.next('invitationReceived', (e) => e.inviteID === inviteID);
    // Prove the push has been applied too, then count.
    await alice.modify(inviteID, 'sync point');
    await bob.next('invitationModified', (e) => e.inviteID === inviteID);
    expect(bob.seen('invitationReceived').filter((e) => e.inviteID === inviteID)).toHaveLength(1);
  });

  it('without a connection it fails with NOT_CONNECTED', async () => {
    const server = await startServer();
    const bob = await connectClient(server, 'bob', { connect: false });
    expect(await codeOf(bob.addInvitedSignaling({ inviteID: 'AAAAAAAAAAAAAAAAAAAAAA' }))).toBe('NOT_CONNECTED');
  });
});
