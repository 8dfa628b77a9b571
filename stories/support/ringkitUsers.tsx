import type { ReactNode } from 'react';
import type { SignalingClient } from '../../src/index.js';
import { RingkitProvider } from '../../src/react/index.js';
import { loopbackUsers } from './loopbackUsers.js';

type LoopbackUsers = Awaited<ReturnType<typeof loopbackUsers>>;

const open = new Set<LoopbackUsers>();

/**
 * A Storybook loader that starts the real engine in the page with these users connected (and
 * these groups, engine limits such as `{ callerGraceSeconds: 1 }`, and a clock such as `shiftableClock().clock`), available to the story as `loaded.ringkit`. `closeLoopbackUsers` (run by the
 * preview before each story) closes them again.
 * @example export const Ringing = { loaders: [ringkitUsers(['alice', 'bob'])], render: (_, { loaded }) => … }
 */
export function ringkitUsers(userIDs: string[], groups: Record<string, string[]> = {}, limits: Parameters<typeof loopbackUsers>[2] = {}, clock?: Parameters<typeof loopbackUsers>[3]) {
  return async () => {
    const users = await loopbackUsers(userIDs, groups, limits, clock);
    open.add(users);
    return { ringkit: users };
  };
}

/**
 * A Storybook loader for a story that builds its users itself (e.g. a device that vanished
 * mid-call): `setup` gets the in-page engine of `userIDs` and returns more connected clients, which
 * follow them in `clientsOf`. Closed like `ringkitUsers`.
 * @example loaders: [ringkitScene(['alice'], async (server) => [await crashedThenBack(server)])]
 */
export function ringkitScene(userIDs: string[], setup: (server: LoopbackUsers['server'], clients: SignalingClient[]) => Promise<SignalingClient[]>) {
  return async () => {
    const users = await loopbackUsers(userIDs);
    open.add(users);
    users.clients.push(...(await setup(users.server, users.clients)));
    return { ringkit: users };
  };
}

/**
 * The connected clients of a story that used `ringkitUsers`, in the order given there.
 * @example const [alice, bob] = clientsOf(context.loaded)
 */
export function clientsOf(loaded: Record<string, unknown>): SignalingClient[] {
  return (loaded.ringkit as LoopbackUsers).clients;
}

/**
 * Disconnects every story user and stops their in-page engines.
 * @example beforeEach: () => closeLoopbackUsers
 */
export function closeLoopbackUsers() {
  for (const { server, clients } of open) {
    clients.forEach((client) => client.disconnect());
    server.close();
  }
  open.clear();
}

/**
 * One user's screen in a story: a region named after the user, with its own provider, so a play
 * function can act as that user with `within(canvas.getByRole('region', { name: 'bob' }))`.
 * `label` names the pane instead (e.g. two devices of one user: "bob's phone", "bob's laptop").
 * @example <UserPane client={bob}><RingingDialog /></UserPane>
 */
export function UserPane({ client, children, width = 340, label }: { client: SignalingClient; children: ReactNode; width?: number; label?: string }) {
  const name = label ?? client.userID;
  return (
    <section aria-label={name} className="rk-story-pane" style={{ width }}>
      <h2 className="rk-story-pane__title">{name}</h2>
      <RingkitProvider client={client}>{children}</RingkitProvider>
    </section>
  );
}
