/**
 * A process of client devices for `npm run stress` (forked by the runner, IPC): real
 * `SignalingClient`s over WebSocket. Commands: `connect` its users; `load` (call random peers in
 * other processes at a rate, every callee accepts what rings, latencies measured); `churn`
 * (connect / invite / cancel / disconnect short-lived users); `close`.
 */
import { createSignalingClient, type SignalingClient } from '../src/index.js';

/** A command from the runner. */
export type WorkerCommand =
  | { kind: 'connect'; url: string; users: string[] }
  | { kind: 'load'; ratePerSecond: number; durationMs: number; peers: string[]; settleMs: number }
  | { kind: 'churn'; url: string; durationMs: number; population: number; prefix: string }
  | { kind: 'close' };

/** What the worker reports back. */
export interface WorkerReport {
  connected?: number;
  connectErrors?: number;
  invites?: number;
  inviteErrors?: Record<string, number>;
  accepted?: number;
  acceptErrors?: Record<string, number>;
  received?: number;
  lost?: number;
  inviteMs?: number[];
  callMs?: number[];
  churned?: number;
}

const clients = new Map<string, SignalingClient>();
let received = 0;
const acceptErrors: Record<string, number> = {};
const count = (into: Record<string, number>, error: unknown) => {
  const code = (error as { code?: string }).code ?? String(error);
  into[code] = (into[code] ?? 0) + 1;
};

async function connect(url: string, users: string[]): Promise<WorkerReport> {
  let errors = 0;
  for (let i = 0; i < users.length; i += 100) {
    await Promise.all(
      users.slice(i, i + 100).map(async (userID) => {
        const client = createSignalingClient({ url, userID, deviceID: 'stress', requestTimeoutMs: 30_000 });
        client.on('invitationReceived', (e) => {
          received++;
          client.accept(e.inviteID).catch((error: unknown) => count(acceptErrors, error));
        });
        clients.set(userID, client);
        await client.connect().catch(() => errors++);
      }),
    );
  }
  return { connected: users.length - errors, connectErrors: errors };
}

async function load(ratePerSecond: number, durationMs: number, peers: string[], settleMs: number): Promise<WorkerReport> {
  const callers = [...clients.values()];
  const inviteErrors: Record<string, number> = {};
  const inviteMs: number[] = [];
  const callMs: number[] = [];
  const waiting = new Map<string, number>();
  let invites = 0;
  let accepted = 0;
  const offs = callers.map((c) =>
    c.on('inviteeAccepted', (e) => {
      const started = waiting.get(e.inviteID);
      if (started === undefined) return;
      waiting.delete(e.inviteID);
      accepted++;
      callMs.push(performance.now() - started);
    }),
  );
  const start = performance.now();
  const calls: Promise<void>[] = [];
  for (let n = 0; performance.now() - start < durationMs; n++) {
    const due = start + (n * 1000) / ratePerSecond;
    if (due > performance.now()) await new Promise((r) => setTimeout(r, due - performance.now()));
    const caller = callers[n % callers.length]!;
    const callee = peers[Math.floor(Math.random() * peers.length)]!;
    const t0 = performance.now();
    calls.push(
      caller.invite(callee, { timeout: 60 }).then(
        ({ inviteID, invitation }) => {
          invites++;
          inviteMs.push(performance.now() - t0);
          // The accept may already be in the mirror (it can arrive before the answer).
          if (invitation.users.some((u) => u.userID === callee && u.state === 'accepted')) (accepted++, callMs.push(performance.now() - t0));
          else waiting.set(inviteID, t0);
        },
        (error: unknown) => count(inviteErrors, error),
      ),
    );
  }
  await Promise.all(calls);
  const settleUntil = performance.now() + settleMs;
  while (waiting.size > 0 && performance.now() < settleUntil) await new Promise((r) => setTimeout(r, 100));
  offs.forEach((off) => off());
  return { invites, inviteErrors, accepted, acceptErrors, lost: waiting.size, inviteMs, callMs };
}

/** Short-lived users: each connects, calls a steady peer, cancels, and leaves; `population` at a time. */
async function churn(url: string, durationMs: number, population: number, prefix: string): Promise<WorkerReport> {
  const targets = [...clients.keys()];
  const end = performance.now() + durationMs;
  let churned = 0;
  const inviteErrors: Record<string, number> = {};
  const lane = async (lane: number) => {
    for (let i = 0; performance.now() < end; i++) {
      const client = createSignalingClient({ url, userID: `${prefix}-${lane}-${i % 50}`, deviceID: `d${i}`, requestTimeoutMs: 30_000 });
      try {
        await client.connect();
        const { inviteID } = await client.invite(targets[(lane * 7919 + i) % targets.length]!, { timeout: 30, data: 'x'.repeat(256) });
        await client.cancel(inviteID).catch(() => undefined); // the callee may have accepted first
        churned++;
      } catch (error) {
        count(inviteErrors, error);
      } finally {
        client.disconnect();
      }
    }
  };
  await Promise.all(Array.from({ length: population }, (_, l) => lane(l)));
  return { churned, inviteErrors };
}

process.on('message', (command: WorkerCommand & { id: number }) => {
  const run = async (): Promise<WorkerReport> => {
    switch (command.kind) {
      case 'connect':
        return connect(command.url, command.users);
      case 'load':
        return load(command.ratePerSecond, command.durationMs, command.peers, command.settleMs);
      case 'churn':
        return churn(command.url, command.durationMs, command.population, command.prefix);
      case 'close':
        for (const c of clients.values()) c.disconnect();
        return { received };
    }
  };
  void run().then((report) => process.send!({ id: command.id, report: { ...report, received } }));
});
