import type { Meta, StoryObj } from '@storybook/react-vite';
import { expect, userEvent, waitFor, within } from 'storybook/test';
import type { SignalingClient } from '../src/index.js';
import { Phone, type GetUser } from '../src/react/index.js';
import { call } from './support/incomingCalls.js';
import { clientsOf, ringkitUsers, UserPane } from './support/ringkitUsers.js';
import { storyLabels } from './support/storyLabels.js';

const NAMES: Record<string, string> = { alice: 'Alice Liddell', bob: 'Bob Lee', carol: 'Carol Wu' };
const getUser: GetUser = (id) => (NAMES[id] ? { name: NAMES[id] } : undefined);

/** alice's phone (contacts Bob and Carol); bob and carol act through their clients. */
const meta: Meta<typeof Phone> = {
  title: 'Components/Phone',
  component: Phone,
  loaders: [ringkitUsers(['alice', 'bob', 'carol'])],
  render: (args, { loaded }) => {
    const [alice] = clientsOf(loaded) as [SignalingClient];
    return (
      <UserPane client={alice} width={440}>
        <Phone contacts={['bob', 'carol']} getUser={getUser} {...args} />
      </UserPane>
    );
  },
};
export default meta;
type Story = StoryObj<typeof Phone>;

type Users = { alice: SignalingClient; bob: SignalingClient; carol: SignalingClient };
const users = (loaded: Record<string, unknown>) => {
  const [alice, bob, carol] = clientsOf(loaded) as [SignalingClient, SignalingClient, SignalingClient];
  return { alice, bob, carol } satisfies Users;
};
/** The newest invitation a client holds. */
const newest = (client: SignalingClient) => client.getInvitations().sort((a, b) => b.createTime - a.createTime)[0]!;
/** The phone's own status line (the history and the ringing dialog have theirs). */
const outcome = (phone: HTMLElement) => within(phone).getAllByRole('status').find((e) => e.classList.contains('rk-phone__outcome'))!;

/** Idle: online, a dial field, the contacts, and the history (a missed call from Carol). */
export const Idle: Story = {
  play: async ({ canvas, loaded, globals }) => {
    const L = storyLabels(globals);
    const { carol } = users(loaded);
    const phone = await canvas.findByRole('region', { name: L.phone.title });
    await waitFor(() => expect(within(phone).getByRole('button', { name: L.phone.callContact('Bob Lee') })).toBeEnabled());
    const missed = await call(carol, 'alice');
    await carol.cancel(missed.inviteID);
    await waitFor(() => expect(within(phone).getByText(L.phone.missed('Carol Wu'))).toBeVisible());
    await expect(within(phone).getByRole('textbox', { name: L.phone.dialLabel })).toBeVisible();
    await waitFor(() => expect(within(phone).getByRole('button', { name: L.callHistoryList.callBackTo('Carol Wu') })).toBeVisible());
  },
};

/** Calling: the "Calling Bob Lee" card in the phone, Bob's phone rings; the contacts wait. */
export const Calling: Story = {
  play: async ({ canvas, globals }) => {
    const L = storyLabels(globals);
    const phone = await canvas.findByRole('region', { name: L.phone.title });
    const callBob = within(phone).getByRole('button', { name: L.phone.callContact('Bob Lee') });
    await waitFor(() => expect(callBob).toBeEnabled());
    await userEvent.click(callBob);
    const card = await within(phone).findByRole('dialog', { name: L.outgoingCallDialog.title(['Bob Lee']) });
    await waitFor(() => expect(within(card).getByText(L.common.states.received)).toBeVisible());
    await expect(within(card).getByRole('button', { name: L.outgoingCallDialog.cancel })).toHaveFocus();
    await expect(within(phone).queryByRole('textbox')).toBeNull();
  },
};

/** In a call: Bob accepted; the card hands over at once to the in-call view with its timer and Hang up. */
export const InCall: Story = {
  play: async ({ canvas, loaded, globals }) => {
    const L = storyLabels(globals);
    const { bob } = users(loaded);
    const phone = await canvas.findByRole('region', { name: L.phone.title });
    const callBob = within(phone).getByRole('button', { name: L.phone.callContact('Bob Lee') });
    await waitFor(() => expect(callBob).toBeEnabled());
    await userEvent.click(callBob);
    await waitFor(() => expect(bob.getInvitations()).toHaveLength(1));
    await bob.accept(newest(bob).inviteID);
    const view = await within(phone).findByRole('region', { name: L.inCallView.title('Bob Lee') });
    await expect(within(phone).queryByRole('dialog')).toBeNull();
    await waitFor(() => expect(within(view).getByRole('timer', { name: L.inCallView.duration })).toHaveTextContent(/^0:0[1-9]$/), { timeout: 4000 });
    await expect(within(view).getByRole('button', { name: L.inCallView.hangUp })).toBeEnabled();
  },
};

/** Incoming: Bob calls; the ringing dialog opens over the phone, focus on Reject. */
export const Incoming: Story = {
  play: async ({ canvas, loaded, globals }) => {
    const L = storyLabels(globals);
    const { bob } = users(loaded);
    const phone = await canvas.findByRole('region', { name: L.phone.title });
    await waitFor(() => expect(within(phone).getByRole('button', { name: L.phone.callContact('Bob Lee') })).toBeEnabled());
    await call(bob, 'alice');
    const dialog = await canvas.findByRole('alertdialog', { name: L.incomingCall.title('Bob Lee') });
    await waitFor(() => expect(within(dialog).getByRole('button', { name: L.incomingCall.reject })).toHaveFocus());
  },
};

/** Answered: Alice accepts Bob's call in the dialog; the phone shows the call. */
export const Answered: Story = {
  play: async ({ canvas, loaded, globals }) => {
    const L = storyLabels(globals);
    const { bob } = users(loaded);
    const phone = await canvas.findByRole('region', { name: L.phone.title });
    await waitFor(() => expect(within(phone).getByRole('button', { name: L.phone.callContact('Bob Lee') })).toBeEnabled());
    await call(bob, 'alice');
    const dialog = await canvas.findByRole('alertdialog', { name: L.incomingCall.title('Bob Lee') });
    await userEvent.click(within(dialog).getByRole('button', { name: L.incomingCall.accept }));
    await within(phone).findByRole('region', { name: L.inCallView.title('Bob Lee') });
    await waitFor(() => expect(canvas.queryByRole('alertdialog')).toBeNull());
  },
};

/** Declined: Bob declines; the card closes and the phone says so, with OK. */
export const Declined: Story = {
  play: async ({ canvas, loaded, globals }) => {
    const L = storyLabels(globals);
    const { bob } = users(loaded);
    const phone = await canvas.findByRole('region', { name: L.phone.title });
    const callBob = within(phone).getByRole('button', { name: L.phone.callContact('Bob Lee') });
    await waitFor(() => expect(callBob).toBeEnabled());
    await userEvent.click(callBob);
    await waitFor(() => expect(bob.getInvitations()).toHaveLength(1));
    await bob.reject(newest(bob).inviteID);
    await waitFor(() => expect(outcome(phone)).toHaveTextContent(L.phone.ended.rejected('Bob Lee')));
    await expect(within(phone).queryByRole('dialog')).toBeNull();
    await expect(within(phone).getByRole('button', { name: L.phone.dismiss })).toBeVisible();
  },
};

/** Two phones: Alice dials "bob", Bob answers in his ringing dialog, Bob hangs up; both say the call ended. */
export const TwoPhones: Story = {
  render: (args, { loaded, globals }) => {
    const { alice, bob } = users(loaded);
    // Two phones on one page need two names (landmarks are told apart by name).
    const title = (who: string) => `${storyLabels(globals).phone.title} · ${who}`;
    return (
      <>
        <UserPane client={alice} width={400}>
          <Phone getUser={getUser} labels={{ title: title('Alice') }} {...args} />
        </UserPane>
        <UserPane client={bob} width={400}>
          <Phone getUser={getUser} labels={{ title: title('Bob') }} {...args} />
        </UserPane>
      </>
    );
  },
  play: async ({ canvas, globals, step }) => {
    const L = storyLabels(globals);
    const alicePane = within(canvas.getByRole('region', { name: 'alice' }));
    const bobPane = within(canvas.getByRole('region', { name: 'bob' }));
    await step('Alice dials bob', async () => {
      const field = await alicePane.findByRole('textbox', { name: L.phone.dialLabel });
      await userEvent.type(field, 'bob');
      await waitFor(() => expect(alicePane.getByRole('button', { name: L.phone.call })).toBeEnabled());
      await userEvent.click(alicePane.getByRole('button', { name: L.phone.call }));
    });
    await step('Bob answers', async () => {
      const dialog = await bobPane.findByRole('alertdialog', { name: L.incomingCall.title('Alice Liddell') });
      await userEvent.click(within(dialog).getByRole('button', { name: L.incomingCall.accept }));
      await alicePane.findByRole('region', { name: L.inCallView.title('Bob Lee') });
      await bobPane.findByRole('region', { name: L.inCallView.title('Alice Liddell') });
    });
    await step('Bob hangs up: the call ends for both', async () => {
      await userEvent.click(bobPane.getByRole('button', { name: L.inCallView.hangUp }));
      await waitFor(() => expect(outcome(canvas.getByRole('region', { name: 'alice' }))).toHaveTextContent(L.phone.ended.hungUp('Bob Lee')));
      await waitFor(() => expect(outcome(canvas.getByRole('region', { name: 'bob' }))).toHaveTextContent(L.phone.ended.hungUp('Alice Liddell')));
    });
  },
};
