import type { Meta, StoryObj } from '@storybook/react-vite';
import { expect, userEvent, waitFor, within } from 'storybook/test';
import { createLoopbackTransport, createSignalingClient, type SignalingClient } from '../src/index.js';
import type { createLoopbackServer } from '../src/engine/index.js';
import { DetachedCallNotice, Phone, useCall } from '../src/react/index.js';
import { clientsOf, ringkitScene, UserPane } from './support/ringkitUsers.js';
import { storyLabels } from './support/storyLabels.js';

/**
 * Alice calls Bob, Bob answers on his phone, and the phone vanishes mid-call (its connection drops
 * and never comes back: the grace period runs). Bob then opens his laptop: the engine names the
 * call detached there. Returns Bob's laptop.
 */
async function callLeftOnAVanishedPhone(server: ReturnType<typeof createLoopbackServer>, [alice]: SignalingClient[]) {
  const phone = { userID: 'bob', deviceID: 'bob-phone', connectionID: 'bob-phone-link' };
  await server.engine.connect(phone);
  const { inviteID } = await alice!.invite('bob', { mode: 'advanced', timeout: 30 });
  await new Promise<void>((resolve, reject) =>
    void server.engine.execute(phone, 'invitation:accept', { inviteID }, (ack) => (ack.ok ? resolve() : reject(new Error(ack.error.message)))),
  );
  await server.engine.disconnect(phone);
  const laptop = createSignalingClient({ transport: createLoopbackTransport(server, { userID: 'bob', deviceID: 'bob-laptop' }), userID: 'bob' });
  await laptop.connect();
  return [laptop];
}

/** Bob's laptop: the notice, and what his `useCall` shows. */
function BobsLaptop() {
  const call = useCall();
  return (
    <>
      <DetachedCallNotice getUser={(id) => (id === 'alice' ? { name: 'Alice Liddell' } : undefined)} />
      <p>Phone: {call.status}</p>
    </>
  );
}

const meta: Meta<typeof DetachedCallNotice> = {
  title: 'Components/DetachedCallNotice',
  component: DetachedCallNotice,
  loaders: [ringkitScene(['alice'], callLeftOnAVanishedPhone)],
  render: (_, { loaded }) => {
    const [, laptop] = clientsOf(loaded) as [SignalingClient, SignalingClient];
    return (
      <UserPane client={laptop} width={460} label="bob's laptop">
        <BobsLaptop />
      </UserPane>
    );
  },
};
export default meta;
type Story = StoryObj<typeof DetachedCallNotice>;

const notice = (canvas: HTMLElement, globals: Record<string, unknown>) =>
  within(canvas).findByRole('region', { name: storyLabels(globals).detachedCallNotice.title('Alice Liddell') });

/** The call Bob's vanished phone still holds: Continue here, or End call. */
export const LeftOnAnotherDevice: Story = {
  play: async ({ canvasElement, globals }) => {
    const region = await notice(canvasElement, globals);
    const L = storyLabels(globals).detachedCallNotice;
    await expect(within(region).getByRole('button', { name: L.continueHere })).toBeEnabled();
    await expect(within(region).getByRole('button', { name: L.endCall })).toBeEnabled();
  },
};

/** "Continue here": the call moves to the laptop, where `useCall` shows it connected. */
export const ContinuedHere: Story = {
  play: async ({ canvasElement, globals }) => {
    const region = await notice(canvasElement, globals);
    await userEvent.click(within(region).getByRole('button', { name: storyLabels(globals).detachedCallNotice.continueHere }));
    await waitFor(() => expect(within(canvasElement).getByText('Phone: connected')).toBeInTheDocument());
    await expect(within(canvasElement).queryByRole('region', { name: /Alice/ })).toBeNull();
  },
};

/** "End call": the call ends for both, and the notice goes. */
export const Ended: Story = {
  play: async ({ canvasElement, globals, loaded }) => {
    const [alice] = clientsOf(loaded) as [SignalingClient];
    const region = await notice(canvasElement, globals);
    await userEvent.click(within(region).getByRole('button', { name: storyLabels(globals).detachedCallNotice.endCall }));
    await waitFor(() => expect(within(canvasElement).queryByRole('region', { name: /Alice/ })).toBeNull());
    await waitFor(() => expect(alice.getInvitations()[0]?.state).toBe('ended'));
  },
};

/**
 * Alice calls Bob from a tab that vanishes while his phone rings (no goodbye: the grace period
 * runs, and her new device keeps the call alive), then opens her laptop. Returns the laptop.
 */
async function callLeftRingingByAVanishedTab(server: ReturnType<typeof createLoopbackServer>) {
  const tab = { userID: 'alice', deviceID: 'alice-tab', connectionID: 'alice-tab-link' };
  await server.engine.connect(tab);
  await new Promise<void>((resolve, reject) =>
    void server.engine.execute(tab, 'invitation:invite', { invitees: ['bob'], mode: 'advanced', timeout: 60 }, (ack) =>
      ack.ok ? resolve() : reject(new Error(ack.error.message)),
    ),
  );
  await server.engine.disconnect(tab);
  const laptop = createSignalingClient({ transport: createLoopbackTransport(server, { userID: 'alice', deviceID: 'alice-laptop' }), userID: 'alice' });
  await laptop.connect();
  return [laptop];
}

const bobLee = (id: string) => (id === 'bob' ? { name: 'Bob Lee' } : undefined);

/**
 * Alice's call still rings for Bob from her vanished tab: her laptop's `Phone` says so, with
 * Continue here and Cancel call (calling Bob again would replace it).
 */
export const CallingFromAnotherDevice: Story = {
  loaders: [ringkitScene(['bob'], callLeftRingingByAVanishedTab)],
  render: (_, { loaded }) => {
    const [, laptop] = clientsOf(loaded) as [SignalingClient, SignalingClient];
    return (
      <UserPane client={laptop} width={460} label="alice's laptop">
        <Phone contacts={['bob']} history={false} getUser={bobLee} />
      </UserPane>
    );
  },
  play: async ({ canvasElement, globals }) => {
    const L = storyLabels(globals).detachedCallNotice;
    const region = await within(canvasElement).findByRole('region', { name: L.callingTitle('Bob Lee') });
    await expect(within(region).getByRole('button', { name: L.continueHere })).toBeEnabled();
    await expect(within(region).getByRole('button', { name: L.cancelCall })).toBeEnabled();
  },
};

/** "Cancel call": Bob stops ringing at once, and the notice goes. */
export const CallingCancelled: Story = {
  ...CallingFromAnotherDevice,
  play: async ({ canvasElement, globals, loaded }) => {
    const [bob] = clientsOf(loaded) as [SignalingClient];
    const L = storyLabels(globals).detachedCallNotice;
    const region = await within(canvasElement).findByRole('region', { name: L.callingTitle('Bob Lee') });
    await userEvent.click(within(region).getByRole('button', { name: L.cancelCall }));
    await waitFor(() => expect(within(canvasElement).queryByRole('region', { name: L.callingTitle('Bob Lee') })).toBeNull());
    await waitFor(() => expect(bob.getInvitations()[0]?.users.find((u) => u.userID === 'bob')?.state).toBe('cancelled'));
  },
};
