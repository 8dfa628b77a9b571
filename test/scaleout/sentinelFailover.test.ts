import { randomUUID } from 'node:crypto';
import { describe, expect, it, onTestFinished } from 'vitest';
import type { RingkitError } from '../../src/index.js';
import type { Invitation } from '../../src/protocol/types.js';
import { createRedisStorage } from '../../src/server/redis/createRedisStorage.js';
import { connectClient, until, type TestClient } from '../support/harness.js';
import { spawnRingkitServer } from '../support/spawnRingkitServer.js';
import { startSentinelDeployment } from '../support/startSentinelDeployment.js';

/** The codes a caller retries (with the same requestID) while Redis fails over. */
const RETRYABLE = ['INTERNAL', 'NOT_CONNECTED', 'REQUEST_TIMEOUT'];
const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

// Five redis-server processes and two ringkit processes start, a primary dies and the sentinels
// fail over (1 s to judge it down, then an election): a hang guard far above the ~30 s it takes.
// The failover closes every client's connection (each node's subscriber dropped), so requests in
// flight lose their acknowledgements and are retried: the replayed answers are what the caller's
// mirror catches up from (see test/scenarios/lostAcknowledgement.test.ts for the same window on
// one node, made certain).
describe('Redis Sentinel failover under two ringkit nodes', { timeout: 120_000 }, () => {
  it('SIGKILL of the primary mid-traffic: the replica is promoted, both nodes follow it, every request succeeds (retried with its requestID), nothing acknowledged is lost, and every timer fires once', async () => {
    const redis = await startSentinelDeployment();
    onTestFinished(() => redis.stop());
    const keyPrefix = `sentinel:${randomUUID()}:`;
    const args = ['--dev', '--redis-sentinel', redis.sentinels.map((s) => `${s.host}:${s.port}`).join(','), '--redis-sentinel-name', redis.name];
    const [n1, n2] = await Promise.all([spawnRingkitServer(args, { RINGKIT_REDIS_PREFIX: keyPrefix }, 40_000), spawnRingkitServer(args, { RINGKIT_REDIS_PREFIX: keyPrefix }, 40_000)]);
    const truth = await createRedisStorage({ sentinel: { sentinels: redis.sentinels, name: redis.name }, keyPrefix });
    onTestFinished(() => truth.close());

    /** Every error a request met before its retry succeeded, by code. */
    const retried: Record<string, number> = {};
    /** What the server acknowledged: the invitation version each successful answer carried. */
    const acknowledged: { inviteID: string; version: number; accepted?: string }[] = [];
    /** Runs one request with one requestID, retrying it on a retryable code until it succeeds. */
    const untilDone = async <T,>(request: (requestID: string) => Promise<T>): Promise<T> => {
      const requestID = randomUUID();
      const deadline = Date.now() + 45_000;
      for (;;) {
        try {
          return await request(requestID);
        } catch (error) {
          const code = (error as RingkitError).code ?? String(error);
          if (!RETRYABLE.includes(code) || Date.now() > deadline) throw error;
          retried[code] = (retried[code] ?? 0) + 1;
          await sleep(250);
        }
      }
    };

    // Callers on node 1, callees on node 2: every call crosses the nodes. Callees answer what rings.
    const pairs = 4;
    const callers = await Promise.all(Array.from({ length: pairs }, (_, i) => connectClient(n1, `caller${i}`)));
    const callees = await Promise.all(Array.from({ length: pairs }, (_, i) => connectClient(n2, `callee${i}`)));
    const answered = new Set<string>();
    for (const callee of callees) {
      callee.on('invitationReceived', (e) => {
        if (answered.has(e.inviteID) || e.inviter === 'timer-inviter') return;
        answered.add(e.inviteID);
        void untilDone((requestID) => callee.accept(e.inviteID, { requestID })).then(({ invitation }) =>
          acknowledged.push({ inviteID: e.inviteID, version: invitation.version, accepted: callee.userID }),
        );
      });
    }

    // Invitations nobody answers, created before the kill, with deadlines before, during and after the failover.
    const timerInviter = await connectClient(n1, 'timer-inviter');
    const sleepers = await Promise.all([0, 1, 2].map((i) => connectClient(n2, `sleeper${i}`)));
    const timed: string[] = [];
    for (const [i, timeout] of [3, 5, 7, 9, 11, 13].entries()) {
      const { inviteID, invitation } = await untilDone((requestID) => timerInviter.invite(`sleeper${i % 3}`, { timeout, requestID }));
      timed.push(inviteID);
      acknowledged.push({ inviteID, version: invitation.version });
    }

    // Traffic: each caller calls its callee in a loop and waits until the answer reaches it.
    let stop = false;
    const calls: string[] = [];
    const traffic = callers.map(async (caller, i) => {
      while (!stop) {
        const { inviteID, invitation } = await untilDone((requestID) => caller.invite(`callee${i}`, { timeout: 60, requestID }));
        calls.push(inviteID);
        acknowledged.push({ inviteID, version: invitation.version });
        await until(() => caller.getInvitation(inviteID)?.users.some((u) => u.state === 'accepted') === true, 45_000, `${inviteID} accepted at ${caller.userID}`);
      }
    });

    await until(() => calls.length >= 2 * pairs, 20_000, 'traffic before the kill');
    const beforeKill = calls.length;
    const killedAt = Date.now();
    await redis.kill(redis.primaryPort);
    for (const deadline = Date.now() + 60_000; (await redis.currentPrimaryPort().catch(() => 0)) !== redis.replicaPort; await sleep(100)) {
      if (Date.now() > deadline) throw new Error('the sentinels did not promote the replica');
    }
    const promotedAfterMs = Date.now() - killedAt;
    // Both nodes serve on the new primary: calls made after the promotion complete.
    const atPromotion = calls.length;
    await until(() => calls.length >= atPromotion + 2 * pairs, 45_000, 'traffic after the promotion');
    stop = true;
    await Promise.all(traffic);
    expect(calls.length).toBeGreaterThan(beforeKill);

    // Every acknowledged answer is on the new primary (each commit waited for the replica).
    await until(() => answered.size === calls.length && acknowledged.filter((a) => a.accepted).length === calls.length, 30_000, 'every accept acknowledged');
    const stored = new Map((await truth.getInvitations([...new Set(acknowledged.map((a) => a.inviteID))])).filter((inv): inv is Invitation => inv !== undefined).map((inv) => [inv.inviteID, inv]));
    for (const ack of acknowledged) {
      const inv = stored.get(ack.inviteID);
      expect(inv, `${ack.inviteID} survives the failover`).toBeDefined();
      expect(inv!.version).toBeGreaterThanOrEqual(ack.version);
      if (ack.accepted) expect(inv!.users.find((u) => u.userID === ack.accepted)?.state).toBe('accepted');
    }
    for (const inviteID of calls) expect(stored.get(inviteID)).toMatchObject({ state: 'ended', endReason: 'allAnswered' });

    // Every timer fired exactly once: one timeout, seen once by the inviter and once by the invitee.
    for (const [i, inviteID] of timed.entries()) {
      const sleeper = sleepers[i % 3]!;
      await until(() => timerInviter.seen('invitationTimeout').some((e) => e.inviteID === inviteID), 45_000, `${inviteID} timed out at the inviter`);
      await until(() => sleeper.seen('invitationTimeout').some((e) => e.inviteID === inviteID), 20_000, `${inviteID} timed out at ${sleeper.userID}`);
    }
    await sleep(1000); // room for a second firing, were there one
    for (const [i, inviteID] of timed.entries()) {
      const sleeper = sleepers[i % 3]!;
      expect(timerInviter.seen('invitationTimeout').filter((e) => e.inviteID === inviteID)).toHaveLength(1);
      expect(sleeper.seen('invitationTimeout').filter((e) => e.inviteID === inviteID)).toHaveLength(1);
      const inv = await truth.getInvitation(inviteID);
      expect(inv).toMatchObject({ state: 'ended', endReason: 'timeout' });
      const history = await truth.getHistory(`c2c:sleeper${i % 3}|timer-inviter`, 50, 0);
      expect(history.entries.filter((e) => e.signaling.inviteID === inviteID).map((e) => e.signaling.actionType).reverse()).toEqual(['invite', 'timeout']);
    }
    for (const client of [...callers, ...callees, timerInviter, ...sleepers] as TestClient[]) expect(client.connectionState).toBe('connected');
    console.log(`sentinel failover: promoted ${promotedAfterMs} ms after the kill; ${calls.length} calls (${beforeKill} before the kill), retries ${JSON.stringify(retried)}`);
  });
});
