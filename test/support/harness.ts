import { afterEach } from 'vitest';
import { createSignalingClient, type SignalingClient } from '../../src/index.js';
import type { ClientEventMap, ClientEventName } from '../../src/protocol/events.js';
import { createRingkitServer, type RingkitServer, type RingkitServerOptions } from '../../src/server/index.js';

/** A recorded event. */
export type Recorded = { [K in ClientEventName]: { name: K; event: ClientEventMap[K] } }[ClientEventName];

/** A connected test client that records every event it sees. */
export interface TestClient extends SignalingClient {
  events: Recorded[];
  /** Events of one name, in order. */
  seen<K extends ClientEventName>(name: K): ClientEventMap[K][];
  /** Resolves with the first event of `name` (already seen or future) matching `match`. */
  next<K extends ClientEventName>(name: K, match?: (e: ClientEventMap[K]) => boolean, timeoutMs?: number): Promise<ClientEventMap[K]>;
}

const cleanups: (() => Promise<void> | void)[] = [];
afterEach(async () => {
  for (const cleanup of cleanups.splice(0).reverse()) await cleanup();
});

/** Starts a real server on port 0 in dev mode (unless `auth` is given); closed after the test. */
export async function startServer(options: Partial<RingkitServerOptions> = {}): Promise<RingkitServer> {
  const { pino } = await import('pino');
  const server = await createRingkitServer({ port: 0, auth: { dev: true }, logger: pino({ level: 'silent' }), ...options });
  cleanups.push(() => server.close());
  return server;
}

const ALL_EVENTS: ClientEventName[] = [
  'invitationCreated', 'invitationReceived', 'inviteeAccepted', 'inviteeRejected', 'invitationCancelled',
  'invitationTimeout', 'invitationModified', 'callUserStateChanged', 'invitationEnded', 'invitationUpdated',
  'connectionStateChanged', 'mediaSignal',
];

/** Creates a client that records all events; `connect` defaults to true. */
export async function connectClient(
  server: { url: string },
  userID: string,
  options: { deviceID?: string; token?: string; connect?: boolean; requestTimeoutMs?: number } = {},
): Promise<TestClient> {
  const client = createSignalingClient({
    url: server.url,
    ...(options.token ? { token: options.token } : { userID }),
    ...(options.deviceID !== undefined && { deviceID: options.deviceID }),
    requestTimeoutMs: options.requestTimeoutMs ?? 5000,
  }) as TestClient;
  client.events = [];
  const waiters: { name: ClientEventName; match: (e: never) => boolean; resolve: (e: never) => void }[] = [];
  for (const name of ALL_EVENTS) {
    client.on(name, (event) => {
      client.events.push({ name, event } as Recorded);
      for (const w of [...waiters]) {
        if (w.name === name && w.match(event as never)) {
          waiters.splice(waiters.indexOf(w), 1);
          w.resolve(event as never);
        }
      }
    });
  }
  client.seen = (name) => client.events.filter((r) => r.name === name).map((r) => r.event) as never;
  client.next = (name, match = () => true, timeoutMs = 5000) => {
    const already = client.seen(name).find((e) => match(e as never));
    if (already) return Promise.resolve(already);
    return new Promise((resolve, reject) => {
      const timer = setTimeout(() => reject(new Error(`${userID}: no ${name} within ${timeoutMs} ms`)), timeoutMs);
      waiters.push({ name, match: match as (e: never) => boolean, resolve: (e) => (clearTimeout(timer), resolve(e)) });
    });
  };
  cleanups.push(() => client.disconnect());
  if (options.connect !== false) await client.connect();
  return client;
}

/** Waits until `condition` holds (polling), or fails after `timeoutMs`. */
export async function until(condition: () => boolean, timeoutMs = 5000, what = 'condition'): Promise<void> {
  const start = Date.now();
  while (!condition()) {
    if (Date.now() - start > timeoutMs) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 10));
  }
}

/**
 * A network drop for every device of `userID` (or only `deviceID`): the transport closes under the
 * socket without a word from either side (not a server-side disconnect), so the client reconnects
 * by itself.
 */
export function dropConnections(server: RingkitServer, userID: string, deviceID?: string): void {
  for (const socket of server.io.sockets.sockets.values()) {
    const session = socket.data.session as { userID: string; deviceID: string } | undefined;
    if (session?.userID === userID && (deviceID === undefined || session.deviceID === deviceID)) socket.conn.close();
  }
}

/**
 * A network loss for every device of `userID` (`dropConnections`), with their reconnection held at
 * the door until `release()` is called.
 */
export function networkLoss(server: RingkitServer, userID: string): { release(): void } {
  let open!: () => void;
  const gate = new Promise<void>((resolve) => (open = resolve));
  let held = true;
  server.io.use((socket, next) => {
    const session = socket.data.session as { userID: string } | undefined;
    if (held && session?.userID === userID) void gate.then(() => next());
    else next();
  });
  dropConnections(server, userID);
  return {
    release() {
      held = false;
      open();
    },
  };
}

/**
 * A device that dies (a crashed tab, a laptop killed mid-call): its connection drops without a
 * word and it never comes back, so the server only sees a lost network.
 */
export async function crashDevice(server: RingkitServer, client: TestClient): Promise<void> {
  dropConnections(server, client.userID, client.deviceID);
  await until(() => client.connectionState === 'reconnecting', 5000, `${client.userID}/${client.deviceID} notices the drop`);
  client.disconnect(); // not connected: it says nothing to the server
}
