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
  | { kind: 'load'; ratePerSecond: number; durationMs: number; peers: string[]; settleMs: number; retry?: boolean }
  /** Ends a running `load` early (its report then comes as usual). */
  | { kind: 'stopLoad' }
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
  /** When each call of `inviteMs` / `callMs` started (epoch ms), to sort them into phases. */
  inviteAt?: number[];
  callAt?: number[];
  churned?: number;
  /** With `retry`: answers that failed with a retryable code and were sent again (same requestID), by code. */
  retried?: Record<string, number>;
  errorSamples?: string[];
}

const clients = new Map<string, SignalingClient>();
let received = 0;
let stopLoad = false;
/** Set by `load` with `retry`: invite and accept are sent again with their requestID on a retryable code, as an app would. */
let retrying = false;
const retried: Record<string, number> = {};
/** A few distinct error messages met, for the report. */
const samples: string[] = [];
const RETRYABLE = new Set(['INTERNAL', 'NOT_CONNECTED', 'REQUEST_TIMEOUT']);
/** Runs `request` with one requestID; with `retrying`, again on a retryable code for up to 120 s. */
async function withRetry<T>(request: (requestID: string) => Promise<T>): Promise<T> {
  const requestID = `r${Math.random().toString(36).slice(2)}${Date.now().toString(36)}`;
  const deadline = Date.now() + 120_000;
  let attempt = 0;
  for (;;) {
    try {
      return await request(requestID);
    } catch (error) {
      const code = (error as { code?: string }).code ?? '';
      if (!retrying || !RETRYABLE.has(code) || Date.now() > deadline) throw error;
      retried[code] = (retried[code] ?? 0) + 1;
      const message = `${code}: ${(error as Error).message}`;
      if (!samples.includes(message) && samples.length < 8) samples.push(message);
      // Exponential backoff with jitter, as an app should: fixed short retries pile onto a node that is already behind.
      attempt++;
      await new Promise((r) => setTimeout(r, Math.min(5000, 250 * 2 ** attempt) * (0.5 + Math.random())));
    }
  }
}
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
          withRetry((requestID) => client.accept(e.inviteID, { requestID })).catch((error: unknown) => count(acceptErrors, error));
        });
        clients.set(userID, client);
        await client.connect().catch(() => errors++);
      }),
    );
  }
  return { connected: users.length - errors, connectErrors: errors };
}

async function load(ratePerSecond: number, durationMs: number, peers: string[], settleMs: number, retry = false): Promise<WorkerReport> {
  retrying = retry;
  stopLoad = false;
  const callers = [...clients.values()];
  const inviteErrors: Record<string, number> = {};
  const inviteMs: number[] = [];
  const callMs: number[] = [];
  const inviteAt: number[] = [];
  const callAt: number[] = [];
  /** inviteID → [performance.now(), Date.now()] at the invite. */
  const waiting = new Map<string, [number, number]>();
  let invites = 0;
  let accepted = 0;
  const offs = callers.map((c) =>
    c.on('inviteeAccepted', (e) => {
      const started = waiting.get(e.inviteID);
      if (started === undefined) return;
      waiting.delete(e.inviteID);
      accepted++;
      callMs.push(performance.now() - started[0]);
      callAt.push(started[1]);
    }),
  );
  const start = performance.now();
  const calls: Promise<void>[] = [];
  for (let n = 0; performance.now() - start < durationMs && !stopLoad; n++) {
    const due = start + (n * 1000) / ratePerSecond;
    if (due > performance.now()) await new Promise((r) => setTimeout(r, due - performance.now()));
    const caller = callers[n % callers.length]!;
    const callee = peers[Math.floor(Math.random() * peers.length)]!;
    const t0 = performance.now();
    const at = Date.now();
    calls.push(
      withRetry((requestID) => caller.invite(callee, { timeout: 60, requestID })).then(
        ({ inviteID, invitation }) => {
          invites++;
          inviteMs.push(performance.now() - t0);
          inviteAt.push(at);
          // The accept may already be in the mirror (it can arrive before the answer).
          if (invitation.users.some((u) => u.userID === callee && u.state === 'accepted')) (accepted++, callMs.push(performance.now() - t0), callAt.push(at));
          else waiting.set(inviteID, [t0, at]);
        },
        (error: unknown) => count(inviteErrors, error),
      ),
    );
  }
  await Promise.all(calls);
  const settleUntil = performance.now() + settleMs;
  while (waiting.size > 0 && performance.now() < settleUntil) await new Promise((r) => setTimeout(r, 100));
  offs.forEach((off) => off());
  return { invites, inviteErrors, accepted, acceptErrors, lost: waiting.size, inviteMs, callMs, inviteAt, callAt, retried, errorSamples: samples };
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
        return load(command.ratePerSecond, command.durationMs, command.peers, command.settleMs, command.retry);
      case 'stopLoad':
        stopLoad = true;
        return {};
      case 'churn':
        return churn(command.url, command.durationMs, command.population, command.prefix);
      case 'close':
        for (const c of clients.values()) c.disconnect();
        return { received };
    }
  };
  void run().then((report) => process.send!({ id: command.id, report: { ...report, received } }));
});
