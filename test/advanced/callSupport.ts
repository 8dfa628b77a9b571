import { expect } from 'vitest';
import { RingkitError, type CallUserState, type Invitation } from '../../src/index.js';
import { createMemoryStorage, type RingkitServer } from '../../src/server/index.js';
import type { RingkitLimits } from '../../src/protocol/limits.js';
import { startServer, type TestClient } from '../support/harness.js';
import { storageProbe } from '../support/storageProbe.js';

/** A test server whose storage the test can read: the server's own truth about an invitation. */
export interface CallServer extends RingkitServer {
  /** The server's current snapshot of an invitation (fails when there is none). */
  snapshot(inviteID: string): Promise<Invitation>;
  /** The server's state of one user in an invitation (undefined when not listed). */
  stateOf(inviteID: string, userID: string): Promise<CallUserState | undefined>;
  /** Waits until the server holds `userID` in `state`. */
  untilState(inviteID: string, userID: string, state: CallUserState, timeoutMs?: number): Promise<void>;
  /** Waits until the server's snapshot satisfies `check`. */
  untilSnapshot(inviteID: string, check: (inv: Invitation) => boolean, what: string, timeoutMs?: number): Promise<Invitation>;
}

/**
 * Starts a server for advanced-mode tests: in-memory storage the test can read, a generous rate
 * limit (tests fire bursts), and the given limits.
 */
export async function startCallServer(limits: Partial<RingkitLimits> = {}): Promise<CallServer> {
  const storage = createMemoryStorage();
  const server = await startServer({ storage, limits: { requestsPerSecond: 10_000, ...limits } });

  const { snapshot, untilSnapshot } = storageProbe(storage);
  return Object.assign(server, {
    snapshot,
    untilSnapshot,
    async stateOf(inviteID: string, userID: string) {
      return (await snapshot(inviteID)).users.find((u) => u.userID === userID)?.state;
    },
    async untilState(inviteID: string, userID: string, state: CallUserState, timeoutMs = 5000) {
      await untilSnapshot(inviteID, (inv) => inv.users.some((u) => u.userID === userID && u.state === state), `${userID} ${state}`, timeoutMs);
    },
  });
}

/** 'ok' when the operation succeeds, otherwise its RingkitError code. */
export async function outcome(operation: Promise<unknown>): Promise<string> {
  try {
    await operation;
    return 'ok';
  } catch (error) {
    if (error instanceof RingkitError) return error.code;
    throw error;
  }
}

/** A user's entry in a snapshot. */
export function userIn(inv: Invitation | undefined, userID: string) {
  return inv?.users.find((u) => u.userID === userID);
}

/** Users by userID, for order-independent comparison. */
export function byUser(inv: Invitation): Invitation {
  return { ...inv, users: [...inv.users].sort((a, b) => a.userID.localeCompare(b.userID)) };
}

/**
 * Waits until every client's mirror reaches the server's current version, then expects each
 * mirror to equal the server's snapshot (users compared regardless of order).
 */
export async function expectMirrorsEqualServer(server: CallServer, inviteID: string, clients: TestClient[]): Promise<Invitation> {
  const label = (c: TestClient) => `${c.userID}/${c.deviceID}`;
  const start = Date.now();
  let truth = await server.snapshot(inviteID);
  while (!clients.every((c) => c.getInvitation(inviteID)?.version === truth.version)) {
    if (Date.now() - start > 5000) break;
    await new Promise((r) => setTimeout(r, 10));
    truth = await server.snapshot(inviteID);
  }
  for (const client of clients) {
    const mirror = client.getInvitation(inviteID);
    expect(mirror, `${label(client)} mirrors ${inviteID}`).toBeDefined();
    expect(byUser(mirror!), `${label(client)}'s mirror equals the server`).toEqual(byUser(truth));
  }
  return truth;
}

/** Resolves after a request/response round trip on this client's connection (orders earlier pushes). */
export async function roundTrip(client: TestClient): Promise<void> {
  await client.queryInvitations({ count: 1 });
}

/**
 * Starts an advanced-mode call (30 s to answer) and waits until each ringer's device rings;
 * `alsoInvited` are invited without waiting for them.
 * @example const inviteID = await callAndRing(alice, [bob, carol])
 */
export async function callAndRing(inviter: TestClient, ringers: TestClient[], alsoInvited: string[] = []): Promise<string> {
  const invitees = [...new Set([...ringers.map((c) => c.userID), ...alsoInvited])];
  const { inviteID } = await inviter.invite(invitees, { mode: 'advanced', timeout: 30 });
  for (const ringer of ringers) await ringer.next('invitationReceived', (e) => e.inviteID === inviteID);
  return inviteID;
}
