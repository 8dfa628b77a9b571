import type { Meta, StoryObj } from '@storybook/react-vite';
import { expect, userEvent, waitFor, within } from 'storybook/test';
import type { SignalingClient } from '../src/index.js';
import { IncomingCallToast } from '../src/react/index.js';
import { call, callTwice, callWhileInCall } from './support/incomingCalls.js';
import { clientsOf, ringkitUsers, UserPane } from './support/ringkitUsers.js';
import { storyLabels } from './support/storyLabels.js';

const meta: Meta<typeof IncomingCallToast> = {
  title: 'Components/IncomingCallToast',
  component: IncomingCallToast,
  loaders: [ringkitUsers(['alice', 'bob', 'carol'])],
  render: (args, { loaded }) => {
    const [, bob] = clientsOf(loaded) as [SignalingClient, SignalingClient];
    return (
      <UserPane client={bob} width={400}>
        <p>bob keeps working while the call rings.</p>
        <button type="button" className="rk-button">
          Something else on the page
        </button>
        <IncomingCallToast {...args} />
      </UserPane>
    );
  },
};
export default meta;
type Story = StoryObj<typeof IncomingCallToast>;

/** alice video-calls bob: a region named after her; the focus stays where bob was working. */
export const Ringing: Story = {
  play: async ({ canvas, loaded, globals }) => {
    const L = storyLabels(globals).incomingCall;
    const [alice] = clientsOf(loaded) as [SignalingClient];
    const other = canvas.getByRole('button', { name: 'Something else on the page' });
    other.focus();
    await call(alice, 'bob', { video: true });
    const toast = await canvas.findByRole('region', { name: L.title('alice') });
    await expect(toast).toHaveAccessibleDescription(L.description('video', false, 2));
    await expect(within(toast).getByRole('button', { name: L.accept })).toBeEnabled();
    await expect(other).toHaveFocus();
  },
};

/** Accept answers: the toast goes, and alice sees bob accepted. */
export const Accepting: Story = {
  play: async ({ canvas, loaded, globals }) => {
    const L = storyLabels(globals).incomingCall;
    const [alice] = clientsOf(loaded) as [SignalingClient];
    const { inviteID } = await call(alice, 'bob', { video: true });
    const toast = await canvas.findByRole('region', { name: L.title('alice') });
    await userEvent.click(within(toast).getByRole('button', { name: L.accept }));
    await waitFor(() => expect(canvas.queryByRole('region', { name: L.title('alice') })).toBeNull());
    await waitFor(() => expect(alice.getInvitation(inviteID)?.users.find((u) => u.userID === 'bob')?.state).toBe('accepted'));
  },
};

/** Two calls at once: one toast (the older call), "1 more call waiting". */
export const QueuedCalls: Story = {
  play: async ({ canvas, loaded, globals }) => {
    const L = storyLabels(globals).incomingCall;
    await callTwice(loaded);
    const toast = await canvas.findByRole('region', { name: L.title('alice') });
    await expect(await within(toast).findByText(L.waiting(1))).toBeVisible();
    await expect(canvas.queryByRole('region', { name: L.title('carol') })).toBeNull();
  },
};

/** bob is in a call with carol when alice calls: the toast offers the call-waiting choices. */
export const CallWaiting: Story = {
  play: async ({ canvas, loaded, globals }) => {
    const L = storyLabels(globals).incomingCall;
    await callWhileInCall(loaded);
    const toast = await canvas.findByRole('region', { name: L.title('alice') });
    await expect(toast).toHaveAccessibleDescription(`${L.description('audio', false, 2)} · ${L.inCall}`);
    for (const name of [L.declineBusy, L.decline, L.endAndAccept]) await expect(within(toast).getByRole('button', { name })).toBeEnabled();
  },
};

/** Call waiting, then Decline as busy: alice is told bob is busy. */
export const DeclineAsBusy: Story = {
  play: async ({ canvas, loaded, globals }) => {
    const L = storyLabels(globals).incomingCall;
    const { alice, fromAlice } = await callWhileInCall(loaded);
    const toast = await canvas.findByRole('region', { name: L.title('alice') });
    await userEvent.click(within(toast).getByRole('button', { name: L.declineBusy }));
    await waitFor(() => expect(alice.getInvitation(fromAlice.inviteID)?.users.find((u) => u.userID === 'bob')?.data).toBe('{"reason":"busy"}'));
    await waitFor(() => expect(canvas.queryByRole('region', { name: L.title('alice') })).toBeNull());
  },
};

/** alice cancels: the toast goes and the polite status line says why. */
export const Cancelled: Story = {
  play: async ({ canvas, loaded, globals }) => {
    const L = storyLabels(globals).incomingCall;
    const [alice] = clientsOf(loaded) as [SignalingClient];
    const { inviteID } = await call(alice, 'bob');
    await canvas.findByRole('region', { name: L.title('alice') });
    await alice.cancel(inviteID);
    await waitFor(() => expect(canvas.getByRole('status')).toHaveTextContent(L.ended.cancelled('alice')));
    await expect(canvas.queryByRole('region', { name: L.title('alice') })).toBeNull();
  },
};
