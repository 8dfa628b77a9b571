import { describe, expect, it } from 'vitest';
import type { Invitation, RingkitError } from '../../src/index.js';
import { connectClient, startServer, type TestClient } from '../support/harness.js';

const codeOf = async (p: Promise<unknown>) => (await p.then(() => 'resolved', (e: RingkitError) => e.code)) as string;

async function queryAll(client: TestClient, count: number) {
  const pages: Invitation[][] = [];
  let nextFlag = 0;
  for (let i = 0; i < 50; i++) {
    const page = await client.queryInvitations({ count, nextFlag });
    pages.push(page.invitations);
    if (page.nextFlag === 0) return pages;
    nextFlag = page.nextFlag;
  }
  throw new Error('queryInvitations never ended');
}

describe('queryInvitations: the list of calls a user is or was part of', () => {
  it('lists newest first, pages with nextFlag, for the inviter and the invitees, and not for others', async () => {
    const server = await startServer();
    const alice = await connectClient(server, 'alice');
    const bob = await connectClient(server, 'bob');
    const carol = await connectClient(server, 'carol');
    const dave = await connectClient(server, 'dave');

    const ids: string[] = [];
    for (let i = 0; i < 5; i++) ids.push((await alice.invite(i % 2 === 0 ? 'bob' : ['bob', 'carol'], { timeout: 30, data: `#${i}` })).inviteID);
    await bob.accept(ids[0]!);
    const fromCarol = (await carol.invite('bob', { timeout: 30 })).inviteID;

    const newestFirst = [...ids].reverse();
    const pages = await queryAll(alice, 2);
    expect(pages.map((p) => p.length)).toEqual([2, 2, 1]);
    expect(pages.flat().map((i) => i.inviteID)).toEqual(newestFirst);
    // The listed invitations are the current ones.
    expect(pages.flat().find((i) => i.inviteID === ids[0])).toMatchObject({ state: 'ended', endReason: 'allAnswered' });

    const bobs = await bob.queryInvitations({ count: 20 });
    expect(bobs.nextFlag).toBe(0);
    expect(bobs.invitations.map((i) => i.inviteID)).toEqual([fromCarol, ...newestFirst]);
    const carols = await carol.queryInvitations({ count: 20 });
    expect(carols.invitations.map((i) => i.inviteID)).toEqual([fromCarol, ids[3], ids[1]]);
    expect((await dave.queryInvitations({ count: 20 })).invitations).toEqual([]);
  });

  it('a count over 100 is treated as 100', async () => {
    const server = await startServer({ limits: { requestsPerSecond: 10_000 } });
    const alice = await connectClient(server, 'alice');
    for (let i = 0; i < 103; i++) await alice.invite('bob', { timeout: 30 });
    const first = await alice.queryInvitations({ count: 1000 });
    expect(first.invitations).toHaveLength(100);
    expect(first.nextFlag).not.toBe(0);
    const second = await alice.queryInvitations({ count: 1000, nextFlag: first.nextFlag });
    expect(second.invitations).toHaveLength(3);
    expect(second.nextFlag).toBe(0);
    const all = [...first.invitations, ...second.invitations].map((i) => i.inviteID);
    expect(new Set(all).size).toBe(103);
  });

  it('a count below 1 or not an integer is INVALID_PARAMETER', async () => {
    const server = await startServer();
    const alice = await connectClient(server, 'alice');
    expect(await codeOf(alice.queryInvitations({ count: 0 }))).toBe('INVALID_PARAMETER');
    expect(await codeOf(alice.queryInvitations({ count: -5 }))).toBe('INVALID_PARAMETER');
    expect(await codeOf(alice.queryInvitations({ count: 2.5 }))).toBe('INVALID_PARAMETER');
    expect(await codeOf(alice.queryInvitations({ count: 5, nextFlag: -1 }))).toBe('INVALID_PARAMETER');
  });
});
