/**
 * Child process of `npm run bench`: renders a 500-row participant list (one `useCallUser` row
 * per user) in jsdom on the in-page engine, then changes one user at a time and counts how
 * often rows of other users rendered. Prints one JSON line.
 */
import { JSDOM } from 'jsdom';

const dom = new JSDOM('<!doctype html><div id="root"></div>');
Object.assign(globalThis, { window: dom.window, document: dom.window.document, IS_REACT_ACT_ENVIRONMENT: true });
Object.defineProperty(globalThis, 'navigator', { value: dom.window.navigator, configurable: true });

const { act, createElement: h } = await import('react');
const { createRoot } = await import('react-dom/client');
const { createLoopbackTransport, createSignalingClient } = await import('../src/index.js');
const { createLoopbackServer, createMemoryGroupDirectory, createMemoryStorage } = await import('../src/engine/index.js');
const { RingkitProvider, useCallUser } = await import('../src/react/index.js');

const USERS = 500;
const CHANGES = Number(process.env.BENCH_RENDER_CHANGES ?? 20);
const groups = createMemoryGroupDirectory();
const server = createLoopbackServer({ storage: createMemoryStorage(), groups, coalesceWindowMs: 0 });
const ids = Array.from({ length: USERS }, (_, i) => `u${i}`);
await groups.createGroup('big', ['host', ...ids]);
const connect = async (userID: string) => {
  const client = createSignalingClient({ transport: createLoopbackTransport(server, { userID }) });
  await client.connect();
  return client;
};
const host = await connect('host');
const answering = await Promise.all(ids.slice(0, CHANGES).map(connect));
const { inviteID } = await host.inviteInGroup('big', ids, { timeout: 600 });

const renders = new Map<string, number>();
function Row({ userID }: { userID: string }) {
  const user = useCallUser(inviteID, userID);
  renders.set(userID, (renders.get(userID) ?? 0) + 1);
  return h('li', { 'data-rk-state': user?.state }, userID);
}
const root = createRoot(document.getElementById('root')!);
await act(async () => root.render(h(RingkitProvider, { client: host }, h('ul', null, ids.map((id) => h(Row, { key: id, userID: id }))))));
await act(() => new Promise((r) => setTimeout(r, 50)));

let unrelated = 0;
let related = 0;
for (let i = 0; i < CHANGES; i++) {
  const student = answering[i]!;
  const before = new Map(renders);
  await act(async () => {
    const heard = new Promise<void>((r) => {
      const off = host.on('inviteeAccepted', (e) => e.invitee === ids[i] && (off(), r()));
    });
    await student.accept(inviteID);
    await heard;
    await new Promise((r) => setTimeout(r, 10));
  });
  for (const [userID, n] of renders) {
    if (userID === ids[i]) related += n - (before.get(userID) ?? 0);
    else unrelated += n - (before.get(userID) ?? 0);
  }
}
console.log(JSON.stringify({ users: USERS, changes: CHANGES, unrelatedRendersPerChange: unrelated / CHANGES, changedRowRendersPerChange: related / CHANGES }));
process.exit(0);
