import { describe, expect, it } from 'vitest';
import type { RingkitError } from '../../src/index.js';
import { connectClient, startServer, until } from '../support/harness.js';

const codeOf = async (p: Promise<unknown>) => (await p.then(() => 'resolved', (e: RingkitError) => e.code)) as string;

describe('per-user rate limit', () => {
  it('a burst over requestsPerSecond is RATE_LIMITED, other users are unaffected, and it recovers', async () => {
    const server = await startServer({ limits: { requestsPerSecond: 5 } });
    const alice = await connectClient(server, 'alice');
    const bob = await connectClient(server, 'bob');

    const burst = await Promise.all(Array.from({ length: 20 }, () => codeOf(alice.queryInvitations({ count: 5 }))));
    const limited = burst.filter((c) => c === 'RATE_LIMITED').length;
    expect(limited).toBeGreaterThan(0);
    expect(burst.filter((c) => c === 'resolved').length).toBeGreaterThan(0);
    expect(burst.every((c) => c === 'resolved' || c === 'RATE_LIMITED')).toBe(true);

    // Bob has his own budget.
    expect(await codeOf(bob.queryInvitations({ count: 5 }))).toBe('resolved');
    // Mutating calls are limited too.
    const invites = await Promise.all(Array.from({ length: 20 }, () => codeOf(alice.invite('bob', { timeout: 30 }))));
    expect(invites).toContain('RATE_LIMITED');

    // Alice's budget refills.
    let outcome = '';
    for (let attempt = 0; attempt < 50 && outcome !== 'resolved'; attempt++) {
      outcome = await codeOf(alice.queryInvitations({ count: 5 }));
      if (outcome !== 'resolved') await new Promise((r) => setTimeout(r, 100));
    }
    expect(outcome).toBe('resolved');
    expect(alice.connectionState).toBe('connected');
  });
});

describe('device cap', () => {
  it('a third device over maxDevicesPerUser 2 is refused with TOO_MANY_DEVICES; others are fine; a freed slot can be reused', async () => {
    const server = await startServer({ limits: { maxDevicesPerUser: 2 } });
    const phone = await connectClient(server, 'bob', { deviceID: 'phone' });
    await connectClient(server, 'bob', { deviceID: 'laptop' });
    const tablet = await connectClient(server, 'bob', { deviceID: 'tablet', connect: false });
    expect(await codeOf(tablet.connect())).toBe('TOO_MANY_DEVICES');
    expect(tablet.connectionState).toBe('disconnected');

    // Other users are not affected, and the refused device did not take a slot or receive anything.
    const alice = await connectClient(server, 'alice');
    const { inviteID } = await alice.invite('bob', { timeout: 30 });
    await phone.next('invitationReceived', (e) => e.inviteID === inviteID);
    expect(tablet.seen('invitationReceived')).toEqual([]);

    phone.disconnect();
    const again = createRetry(() => connectClient(server, 'bob', { deviceID: 'tablet-2', connect: false }));
    await until(() => again.done, 5000, 'a freed slot is reusable');
    expect(again.client?.connectionState).toBe('connected');
    // The newcomer syncs the pending invitation.
    await again.client!.next('invitationReceived', (e) => e.inviteID === inviteID);
  });
});

describe('configurable limits', () => {
  it('maxInvitees, maxTimeoutSeconds and defaultTimeoutSeconds follow the server options', async () => {
    const server = await startServer({ limits: { maxInvitees: 2, maxTimeoutSeconds: 10, defaultTimeoutSeconds: 7 } });
    const alice = await connectClient(server, 'alice');
    expect(await codeOf(alice.invite(['b', 'c', 'd']))).toBe('INVALID_PARAMETER');
    expect(await codeOf(alice.invite(['b', 'c'], { timeout: 11 }))).toBe('INVALID_PARAMETER');
    const { invitation } = await alice.invite(['b', 'c']);
    expect(invitation.timeout).toBe(7);
    expect((await alice.invite('b', { timeout: 10 })).invitation.timeout).toBe(10);
  });
});

/** Keeps trying to connect a client (its previous device's slot is released asynchronously). */
function createRetry(make: () => Promise<Awaited<ReturnType<typeof connectClient>>>) {
  const state: { done: boolean; client?: Awaited<ReturnType<typeof connectClient>> } = { done: false };
  void (async () => {
    for (let i = 0; i < 50 && !state.done; i++) {
      const client = await make();
      try {
        await client.connect();
        state.client = client;
        state.done = true;
      } catch {
        client.disconnect();
        await new Promise((r) => setTimeout(r, 50));
      }
    }
  })();
  return state;
}
