import { describe, expect, it } from 'vitest';
import type { Invitation } from '../../src/index.js';
import { connectClient, type TestClient } from '../support/harness.js';
import { callAndRing, outcome, startCallServer } from './callSupport.js';

/** alice invites bob `n` times, one after the other; returns the inviteIDs oldest first. */
async function inviteBobTimes(alice: TestClient, n: number): Promise<string[]> {
  const ids: string[] = [];
  for (let i = 0; i < n; i++) ids.push((await alice.invite('bob', { timeout: 0, data: `call ${i}` })).inviteID);
  return ids;
}

const idsOf = (invitations: Invitation[]) => invitations.map((inv) => inv.inviteID);

describe('queryInvitations: the invitations a user is or was part of, newest first', () => {
  it('pages newest first and stays stable while new invitations arrive between pages', async () => {
    const server = await startCallServer();
    const alice = await connectClient(server, 'alice');
    const first25 = await inviteBobTimes(alice, 25);
    const newestFirst = [...first25].reverse();

    const page1 = await alice.queryInvitations({ count: 10, nextFlag: 0 });
    expect(idsOf(page1.invitations)).toEqual(newestFirst.slice(0, 10));
    expect(page1.nextFlag).not.toBe(0);

    // five more calls are made while alice is scrolling
    const later5 = await inviteBobTimes(alice, 5);

    const page2 = await alice.queryInvitations({ count: 10, nextFlag: page1.nextFlag });
    expect(idsOf(page2.invitations)).toEqual(newestFirst.slice(10, 20));
    expect(page2.nextFlag).not.toBe(0);
    const page3 = await alice.queryInvitations({ count: 10, nextFlag: page2.nextFlag });
    expect(idsOf(page3.invitations)).toEqual(newestFirst.slice(20, 25));
    expect(page3.nextFlag).toBe(0);

    // no duplicates, none skipped: the pages are exactly the first 25
    const paged = [...page1.invitations, ...page2.invitations, ...page3.invitations].map((inv) => inv.inviteID);
    expect(new Set(paged).size).toBe(paged.length);
    expect([...paged].sort()).toEqual([...first25].sort());

    // a fresh first page starts with the newest calls
    const fresh = await alice.queryInvitations({ count: 10 });
    expect(idsOf(fresh.invitations).slice(0, 5)).toEqual([...later5].reverse());
  });

  it('returns nextFlag 0 when the page holds the last invitation, even a full page', async () => {
    const server = await startCallServer();
    const alice = await connectClient(server, 'alice');
    const ids = await inviteBobTimes(alice, 10);

    const exact = await alice.queryInvitations({ count: 10 });
    expect(idsOf(exact.invitations)).toEqual([...ids].reverse());
    expect(exact.nextFlag).toBe(0);

    const roomy = await alice.queryInvitations({ count: 50 });
    expect(roomy.invitations).toHaveLength(10);
    expect(roomy.nextFlag).toBe(0);
  });

  it('treats a count above 100 as 100', async () => {
    const server = await startCallServer();
    const alice = await connectClient(server, 'alice');
    const ids = await inviteBobTimes(alice, 101);

    const big = await alice.queryInvitations({ count: 1000 });
    expect(big.invitations).toHaveLength(100);
    expect(idsOf(big.invitations)).toEqual([...ids].reverse().slice(0, 100));
    expect(big.nextFlag).not.toBe(0);
    const rest = await alice.queryInvitations({ count: 1000, nextFlag: big.nextFlag });
    expect(idsOf(rest.invitations)).toEqual([ids[0]]);
    expect(rest.nextFlag).toBe(0);

    expect(await outcome(alice.queryInvitations({ count: 0 }))).toBe('INVALID_PARAMETER');
  });

  it('lists calls for every participant, including ended ones and those joined mid-call, and nothing for others', async () => {
    const server = await startCallServer();
    const alice = await connectClient(server, 'alice');
    const bob = await connectClient(server, 'bob');
    const carol = await connectClient(server, 'carol');
    const sam = await connectClient(server, 'sam');

    const inviteID = await callAndRing(alice, [bob]);
    await bob.accept(inviteID);
    await bob.callingInvite(inviteID, ['carol']);
    await alice.end(inviteID);

    for (const user of [alice, bob, carol]) {
      const { invitations, nextFlag } = await user.queryInvitations({ count: 20 });
      expect(idsOf(invitations), user.userID).toEqual([inviteID]);
      expect(invitations[0]).toMatchObject({ mode: 'advanced', state: 'ended', endReason: 'ended' });
      expect(nextFlag).toBe(0);
    }
    expect(await sam.queryInvitations({ count: 20 })).toEqual({ invitations: [], nextFlag: 0 });
  });
});
