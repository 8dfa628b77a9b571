import type { Meta, StoryObj } from '@storybook/react-vite';
import { expect, userEvent, waitFor, within } from 'storybook/test';
import { createLoopbackTransport, createSignalingClient, type SignalingClient } from '../src/index.js';
import type { createLoopbackServer } from '../src/engine/index.js';
import { DetachedCallNotice, useCall } from '../src/react/index.js';
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
