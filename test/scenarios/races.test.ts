import { describe, expect, it } from 'vitest';
import type { RingkitError } from '../../src/index.js';
import { createMemoryStorage } from '../../src/server/index.js';
import { connectClient, startServer, until } from '../support/harness.js';

const codeOf = (reason: unknown) => (reason as RingkitError).code;

describe('races: the first answer wins, the loser is told why', () => {
  it('200 invitations where bob accepts while alice cancels: one winner each, and both mirrors agree', async () => {
    const storage = createMemoryStorage();
    const server = await startServer({ storage, limits: { requestsPerSecond: 100_000 } });
    const alice = await connectClient(server, 'alice');
    const bob = await connectClient(server, 'bob');

    const ids = (await Promise.all(Array.from({ length: 200 }, (_, i) => alice.invite('bob', { timeout: 60, data: `call ${i}` })))).map(
      (r) => r.inviteID,
    );
    expect(new Set(ids).size).toBe(200);

    const outcomes = await Promise.all(
      ids.map((id) => Promise.allSettled([bob.accept(id, { data: 'mine' }), alice.cancel(id, { data: 'no, mine' })])),
    );
    let accepts = 0;
    let cancels = 0;
    for (const [i, [accept, cancel]] of outcomes.entries()) {
      const winners = [accept, cancel].filter((o) => o.status === 'fulfilled');
      expect(winners, `invitation ${i}`).toHaveLength(1);
      const loser = [accept, cancel].find((o) => o.status === 'rejected') as PromiseRejectedResult;
      expect(codeOf(loser.reason), `invitation ${i}`).toBe('INVALID_STATE');
      if (accept.status === 'fulfilled') accepts++;
      else cancels++;
      const onServer = await storage.getInvitation(ids[i]!);
      expect(onServer?.users[0]?.state, `invitation ${i}`).toBe(accept.status === 'fulfilled' ? 'accepted' : 'cancelled');
    }
    expect(accepts + cancels).toBe(200);

    const finals = await Promise.all(ids.map((id) => storage.getInvitation(id)));
    await until(
      () => ids.every((id, i) => alice.getInvitation(id)?.version === finals[i]?.version && bob.getInvitation(id)?.version === finals[i]?.version),
      10_000,
      'both mirrors at the final versions',
    );
    for (const [i, id] of ids.entries()) {
      expect(alice.getInvitation(id), `alice ${i}`).toEqual(finals[i]);
      expect(bob.getInvitation(id), `bob ${i}`).toEqual(finals[i]);
    }
    // Every outcome was heard exactly once.
    expect(alice.seen('inviteeAccepted')).toHaveLength(accepts);
    expect(bob.seen('invitationCancelled')).toHaveLength(cancels);
  });

  it("bob's phone and laptop accept at the same moment: one succeeds, the other gets INVALID_STATE", async () => {
    const storage = createMemoryStorage();
    const server = await startServer({ storage });
    const alice = await connectClient(server, 'alice');
    const phone = await connectClient(server, 'bob', { deviceID: 'phone' });
    const laptop = await connectClient(server, 'bob', { deviceID: 'laptop' });

    for (let round = 0; round < 5; round++) {
      const { inviteID } = await alice.invite('bob', { timeout: 30 });
      const [a, b] = await Promise.allSettled([phone.accept(inviteID, { data: 'phone' }), laptop.accept(inviteID, { data: 'laptop' })]);
      const results = [a, b];
      expect(results.filter((r) => r.status === 'fulfilled'), `round ${round}`).toHaveLength(1);
      expect(codeOf((results.find((r) => r.status === 'rejected') as PromiseRejectedResult).reason)).toBe('INVALID_STATE');
      const winner = a.status === 'fulfilled' ? 'phone' : 'laptop';
      expect((await storage.getInvitation(inviteID))?.users[0]).toMatchObject({ state: 'accepted', deviceID: winner, data: winner });
      const heard = await alice.next('inviteeAccepted', (e) => e.inviteID === inviteID);
      expect(heard.deviceID).toBe(winner);
    }
  });

  it('accepting twice with the same requestID returns the same result both times and changes nothing more', async () => {
    const storage = createMemoryStorage();
    const server = await startServer({ storage });
    const alice = await connectClient(server, 'alice');
    const bob = await connectClient(server, 'bob');
    const { inviteID } = await alice.invite('bob', { timeout: 30 });

    const first = await bob.accept(inviteID, { data: 'yes', requestID: 'accept-1' });
    const second = await bob.accept(inviteID, { data: 'yes', requestID: 'accept-1' });
    expect(second.invitation.version).toBe(first.invitation.version);
    expect(second.invitation.users).toEqual(first.invitation.users);
    expect((await storage.getInvitation(inviteID))?.version).toBe(first.invitation.version);
    // A new requestID is a new request, and now it is too late.
    await expect(bob.accept(inviteID, { requestID: 'accept-2' })).rejects.toMatchObject({ code: 'INVALID_STATE' });
    await alice.next('inviteeAccepted', (e) => e.inviteID === inviteID);
    expect(alice.seen('inviteeAccepted')).toHaveLength(1);
  });

  it('a failed request repeated with its requestID fails the same way', async () => {
    const server = await startServer();
    const alice = await connectClient(server, 'alice');
    const bob = await connectClient(server, 'bob');
    const { inviteID } = await alice.invite('bob', { timeout: 30 });
    await alice.cancel(inviteID);
    await expect(bob.accept(inviteID, { requestID: 'late' })).rejects.toMatchObject({ code: 'INVALID_STATE' });
    await expect(bob.accept(inviteID, { requestID: 'late' })).rejects.toMatchObject({ code: 'INVALID_STATE' });
  });

  it('inviting twice with the same requestID creates one invitation', async () => {
    const server = await startServer();
    const alice = await connectClient(server, 'alice');
    const bob = await connectClient(server, 'bob');

    const first = await alice.invite('bob', { timeout: 30, requestID: 'invite-1' });
    const second = await alice.invite('bob', { timeout: 30, requestID: 'invite-1' });
    expect(second.inviteID).toBe(first.inviteID);
    const { invitations } = await alice.queryInvitations({ count: 100 });
    expect(invitations.map((i) => i.inviteID)).toEqual([first.inviteID]);
    await bob.next('invitationReceived', (e) => e.inviteID === first.inviteID);
    expect(bob.seen('invitationReceived')).toHaveLength(1);

    // Concurrent repeats too.
    const [x, y] = await Promise.all([
      alice.invite('bob', { timeout: 30, requestID: 'invite-2' }),
      alice.invite('bob', { timeout: 30, requestID: 'invite-2' }),
    ]);
    expect(y.inviteID).toBe(x.inviteID);
    expect((await alice.queryInvitations({ count: 100 })).invitations).toHaveLength(2);
  });

  it('requestIDs belong to their user: the same requestID from two users makes two invitations', async () => {
    const server = await startServer();
    const alice = await connectClient(server, 'alice');
    const dave = await connectClient(server, 'dave');
    await connectClient(server, 'bob');
    const a = await alice.invite('bob', { timeout: 30, requestID: 'shared' });
    const d = await dave.invite('bob', { timeout: 30, requestID: 'shared' });
    expect(d.inviteID).not.toBe(a.inviteID);
    expect(d.invitation.inviter).toBe('dave');
  });
});
