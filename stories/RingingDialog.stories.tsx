import type { Meta, StoryObj } from '@storybook/react-vite';
import { expect, userEvent, waitFor, within } from 'storybook/test';
import type { SignalingClient } from '../src/index.js';
import { encodeCallData, RingingDialog } from '../src/react/index.js';
import { clientsOf, ringkitUsers, UserPane } from './support/ringkitUsers.js';
import { storyLabels } from './support/storyLabels.js';

const meta: Meta<typeof RingingDialog> = {
  title: 'Components/RingingDialog',
  component: RingingDialog,
  loaders: [ringkitUsers(['alice', 'bob', 'carol'], { team: ['alice', 'bob', 'carol'] })],
  render: (args, { loaded }) => {
    const [, bob] = clientsOf(loaded) as [SignalingClient, SignalingClient];
    return (
      <UserPane client={bob} width={400}>
        <RingingDialog {...args} />
      </UserPane>
    );
  },
};
export default meta;
type Story = StoryObj<typeof RingingDialog>;

const call = (from: SignalingClient, to: string | string[], data: Record<string, unknown> = {}, timeout = 30) =>
  from.invite(to, { mode: 'advanced', data: encodeCallData({ roomID: 'story-room', ...data }), timeout });

/** alice calls bob (audio): the dialog is named after her, focus starts on Reject, Enter rejects. */
export const Ringing: Story = {
  play: async ({ canvas, loaded, globals, step }) => {
    const L = storyLabels(globals).incomingCall;
    const [alice] = clientsOf(loaded) as [SignalingClient];
    await call(alice, 'bob');
    const dialog = await canvas.findByRole('alertdialog', { name: L.title('alice') });
    await expect(dialog).toHaveAccessibleDescription(L.description('audio', false, 2));
    await waitFor(() => expect(within(dialog).getByRole('button', { name: L.reject })).toHaveFocus());
    await expect(within(dialog).getByRole('button', { name: L.accept })).toBeEnabled();
    await expect(within(dialog).getByText(/\d/)).toBeVisible();
    await step('Tab stays inside the dialog', async () => {
      await userEvent.tab();
      await expect(within(dialog).getByRole('button', { name: L.accept })).toHaveFocus();
      await userEvent.tab();
      await expect(within(dialog).getByRole('button', { name: L.reject })).toHaveFocus();
    });
  },
};

/** A video call says so in the dialog's description. */
export const VideoCall: Story = {
  play: async ({ canvas, loaded, globals }) => {
    const L = storyLabels(globals).incomingCall;
    const [alice] = clientsOf(loaded) as [SignalingClient];
    await call(alice, 'bob', { video: true });
    const dialog = await canvas.findByRole('alertdialog', { name: L.title('alice') });
    await expect(dialog).toHaveAccessibleDescription(L.description('video', false, 2));
  },
};

/** alice calls bob and carol in the group "team": a group call of three. */
export const GroupCall: Story = {
  play: async ({ canvas, loaded, globals }) => {
    const L = storyLabels(globals).incomingCall;
    const [alice] = clientsOf(loaded) as [SignalingClient];
    await alice.inviteInGroup('team', ['bob', 'carol'], { mode: 'advanced', data: encodeCallData({ roomID: 'team-room' }) });
    const dialog = await canvas.findByRole('alertdialog', { name: L.title('alice') });
    await expect(dialog).toHaveAccessibleDescription(L.description('audio', true, 3));
  },
};

/** alice and carol call bob at once: one dialog, "1 more call waiting"; rejecting shows the next. */
export const QueuedCalls: Story = {
  play: async ({ canvas, loaded, globals }) => {
    const L = storyLabels(globals).incomingCall;
    const [alice, , carol] = clientsOf(loaded) as [SignalingClient, SignalingClient, SignalingClient];
    await call(alice, 'bob');
    await call(carol, 'bob');
    const first = await canvas.findByRole('alertdialog', { name: L.title('alice') });
    await expect(canvas.getAllByRole('alertdialog')).toHaveLength(1);
    await expect(within(first).getByText(L.waiting(1))).toBeVisible();
    await userEvent.keyboard('{Escape}');
    const next = await canvas.findByRole('alertdialog', { name: L.title('carol') });
    await expect(within(next).queryByText(L.waiting(1))).toBeNull();
    await waitFor(() => expect(within(next).getByRole('button', { name: L.reject })).toHaveFocus());
  },
};
