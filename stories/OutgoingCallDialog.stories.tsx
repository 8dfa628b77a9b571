import type { Meta, StoryObj } from '@storybook/react-vite';
import { expect, userEvent, waitFor, within } from 'storybook/test';
import type { SignalingClient } from '../src/index.js';
import { OutgoingCallDialog, useInvite, type GetUser, type OutgoingCallPlacement, type UseInviteResult } from '../src/react/index.js';
import { clientsOf, ringkitUsers, UserPane } from './support/ringkitUsers.js';
import { silentWavDataURL } from './support/silentWav.js';
import { storyLabels } from './support/storyLabels.js';

// Connected: alice (the caller), bob, carol, erin, frank, gina. dave is in the team but has no
// device connected; mallory is not in the team.
const CONNECTED = ['alice', 'bob', 'carol', 'erin', 'frank', 'gina'];
const TEAM = { team: ['alice', 'bob', 'carol', 'dave', 'erin', 'frank', 'gina'] };
const NAMES: Record<string, string> = {
  bob: 'Bob Lee',
  carol: 'Carol Wu',
  dave: 'Dave Kim',
  erin: 'Erin Park',
  frank: 'Frank Zhao',
  gina: 'Gina Lopez',
  mallory: 'Mallory Chen',
};
const getUser: GetUser = (id) => (NAMES[id] ? { name: NAMES[id] } : undefined);

/** alice's screen: a Call button (it places the call through `useInvite`) and the dialog. */
function Caller({ place, ringback, placement }: { place: (invite: UseInviteResult) => Promise<unknown>; ringback?: string; placement: OutgoingCallPlacement }) {
  const invite = useInvite();
  return (
    <>
      {!invite.inviteID && (
        <button type="button" className="rk-button" data-rk-variant="accept" onClick={() => void place(invite)}>
          Call
        </button>
      )}
      <OutgoingCallDialog
        inviteID={invite.inviteID}
        errorInvitees={invite.errorInvitees}
        getUser={getUser}
        placement={placement}
        {...(ringback && { ringback })}
      />
    </>
  );
}

/**
 * A story whose alice places the call with `place`. The card sits in the pane's flow (`inline`)
 * so a long list is seen whole; the Ringing story shows the default, floating in the corner.
 */
const calling = (place: (invite: UseInviteResult) => Promise<unknown>, ringback?: string, placement: OutgoingCallPlacement = 'inline'): Story['render'] =>
  function Render(_, { loaded }) {
    return (
      <UserPane client={clientsOf(loaded)[0]!} width={420}>
        <Caller place={place} placement={placement} {...(ringback && { ringback })} />
      </UserPane>
    );
  };

const meta: Meta<typeof OutgoingCallDialog> = {
  title: 'Components/OutgoingCallDialog',
  component: OutgoingCallDialog,
  loaders: [ringkitUsers(CONNECTED, TEAM)],
};
export default meta;
type Story = StoryObj<typeof OutgoingCallDialog>;

type Clients = Record<'alice' | 'bob' | 'carol' | 'erin' | 'frank' | 'gina', SignalingClient>;
const users = (loaded: Record<string, unknown>) =>
  Object.fromEntries(clientsOf(loaded).map((c) => [c.userID, c])) as Clients;
/** alice's newest outgoing invitation. */
const outgoing = (alice: SignalingClient) => alice.getInvitations().sort((a, b) => b.createTime - a.createTime)[0]!;
const row = (dialog: HTMLElement, userID: string) => within(within(dialog).getByText(NAMES[userID]!).closest('li')!);

/** alice calls Bob: "Calling Bob Lee" floats in the corner (of the pane here), Bob's phone rings, focus is on Cancel. */
export const Ringing: Story = {
  render: calling((i) => i.invite('bob', { mode: 'advanced' }), undefined, 'bottom-end'),
  play: async ({ canvas, globals }) => {
    const L = storyLabels(globals);
    await userEvent.click(await canvas.findByRole('button', { name: 'Call' }));
    const dialog = await canvas.findByRole('dialog', { name: L.outgoingCallDialog.title(['Bob Lee']) });
    await waitFor(() => expect(row(dialog, 'bob').getByText(L.common.states.received)).toBeVisible());
    await expect(within(dialog).getByRole('button', { name: L.outgoingCallDialog.cancel })).toHaveFocus();
    await expect(within(dialog).getByRole('status')).toHaveTextContent(L.outgoingCallDialog.announce('Bob Lee', L.outgoingCallDialog.delivered));
    await expect(within(dialog).queryByRole('button', { name: L.outgoingCallDialog.cancelInvitee('Bob Lee') })).toBeNull();
  },
};

/**
 * The team call of the README: Bob accepted, Carol declined, Dave is offline, Erin is busy in
 * another call, Frank's phone rings, Gina (added later with a 1 s timeout) did not answer, and
 * Mallory could not be invited (not in the team).
 */
export const SeveralInvitees: Story = {
  render: calling((i) =>
    i.inviteInGroup('team', ['bob', 'carol', 'dave', 'erin', 'frank', 'mallory'], {
      mode: 'advanced',
      busyPolicy: 'reject',
      enableNotReceivedCheck: true,
      timeout: 300,
    }),
  ),
  play: async ({ canvas, globals, loaded, step }) => {
    const L = storyLabels(globals);
    const { alice, bob, carol, erin, gina } = users(loaded);
    await step('Erin is in a call with Gina', async () => {
      const other = await gina.invite('erin', { mode: 'advanced' });
      await erin.accept(other.inviteID);
    });
    await userEvent.click(await canvas.findByRole('button', { name: 'Call' }));
    const dialog = await canvas.findByRole('dialog');
    await waitFor(() => expect(row(dialog, 'frank').getByText(L.common.states.received)).toBeVisible());
    await expect(row(dialog, 'erin').getByText(L.outgoingCallDialog.busy)).toBeVisible();
    await expect(row(dialog, 'mallory').getByText(L.outgoingCallDialog.notInvited)).toBeVisible();
    await expect(row(dialog, 'mallory').getByText(L.outgoingCallDialog.failures.NOT_GROUP_MEMBER!)).toBeVisible();

    const { inviteID } = outgoing(alice);
    await bob.accept(inviteID);
    await carol.reject(inviteID);
    await alice.callingInvite(inviteID, ['gina'], { timeout: 1 });
    await waitFor(() => expect(row(dialog, 'bob').getByText(L.common.states.accepted)).toBeVisible());
    await waitFor(() => expect(row(dialog, 'carol').getByText(L.common.states.rejected)).toBeVisible());
    await waitFor(() => expect(row(dialog, 'gina').getByText(L.common.states.timeout)).toBeVisible(), { timeout: 5000 });
    // dave never acknowledged: after the server's not-received check (5 s) he shows as offline.
    await waitFor(() => expect(row(dialog, 'dave').getByText(L.common.states.notYetReceived)).toBeVisible(), { timeout: 9000 });
    await expect(dialog).toHaveAttribute('data-rk-state', 'answered');
    await expect(within(dialog).getByRole('button', { name: L.outgoingCallDialog.cancelInvitee('Frank Zhao') })).toBeVisible();
    await expect(within(dialog).queryByRole('button', { name: L.outgoingCallDialog.cancelInvitee('Bob Lee') })).toBeNull();
  },
};

/** A group call: the ✕ next to Carol cancels only her; Bob keeps ringing. */
export const CancelOne: Story = {
  render: calling((i) => i.inviteInGroup('team', ['bob', 'carol'], { mode: 'advanced' })),
  play: async ({ canvas, globals, loaded }) => {
    const L = storyLabels(globals);
    const { carol } = users(loaded);
    await userEvent.click(await canvas.findByRole('button', { name: 'Call' }));
    const dialog = await canvas.findByRole('dialog', { name: L.outgoingCallDialog.title(['Bob Lee', 'Carol Wu']) });
    await userEvent.click(await within(dialog).findByRole('button', { name: L.outgoingCallDialog.cancelInvitee('Carol Wu') }));
    await waitFor(() => expect(row(dialog, 'carol').getByText(L.common.states.cancelled)).toBeVisible());
    await expect(row(dialog, 'bob').getByText(L.common.states.received)).toBeVisible();
    await expect(within(dialog).getByRole('status')).toHaveTextContent(L.outgoingCallDialog.announce('Carol Wu', L.common.states.cancelled));
    await waitFor(() => expect(carol.getInvitations().every((i) => i.state === 'ended' || i.users.find((u) => u.userID === 'carol')?.state === 'cancelled')).toBe(true));
  },
};

/** Cancel with the keyboard: Escape inside the dialog cancels the call; Cancel turns into Close (focus stays on it). */
export const Cancelled: Story = {
  render: calling((i) => i.invite(['bob', 'carol'], { mode: 'advanced' })),
  play: async ({ canvas, globals }) => {
    const L = storyLabels(globals);
    await userEvent.click(await canvas.findByRole('button', { name: 'Call' }));
    const dialog = await canvas.findByRole('dialog');
    await waitFor(() => expect(row(dialog, 'bob').getByText(L.common.states.received)).toBeVisible());
    await userEvent.keyboard('{Escape}');
    await waitFor(() => expect(dialog).toHaveAttribute('data-rk-state', 'cancelled'));
    await expect(dialog).toHaveAccessibleDescription(L.outgoingCallDialog.summary.cancelled);
    await expect(within(dialog).getByRole('button', { name: L.outgoingCallDialog.close })).toHaveFocus();
  },
};

/** Bob is in another call and his app rejects as busy: the badge says Busy, the call ends. */
export const Busy: Story = {
  render: calling((i) => i.invite('bob', { mode: 'advanced', busyPolicy: 'reject' })),
  play: async ({ canvas, globals, loaded }) => {
    const L = storyLabels(globals);
    const { bob, gina } = users(loaded);
    const other = await gina.invite('bob', { mode: 'advanced' });
    await bob.accept(other.inviteID);
    await userEvent.click(await canvas.findByRole('button', { name: 'Call' }));
    const dialog = await canvas.findByRole('dialog');
    await waitFor(() => expect(row(dialog, 'bob').getByText(L.outgoingCallDialog.busy)).toBeVisible());
    await expect(dialog).toHaveAttribute('data-rk-state', 'declined');
    await expect(within(dialog).getByRole('button', { name: L.outgoingCallDialog.close })).toBeVisible();
  },
};

/** Nobody answers within the timeout (1 s here): "No answer". */
export const Unanswered: Story = {
  render: calling((i) => i.invite('bob', { mode: 'advanced', timeout: 1 })),
  play: async ({ canvas, globals }) => {
    const L = storyLabels(globals);
    await userEvent.click(await canvas.findByRole('button', { name: 'Call' }));
    const dialog = await canvas.findByRole('dialog');
    await waitFor(() => expect(row(dialog, 'bob').getByText(L.common.states.timeout)).toBeVisible(), { timeout: 5000 });
    await expect(dialog).toHaveAccessibleDescription(L.outgoingCallDialog.summary.unanswered);
  },
};

/**
 * With a ringback: it loops while Bob's phone rings. When the browser lets it sound, a "Mute
 * ringback" toggle appears (the caller's words, not the callee's "Mute ringtone"); when it wants a
 * user gesture first (the play function's synthetic click is not one), the dialog shows "Sound is
 * blocked — click to enable ringing" instead.
 */
export const WithRingback: Story = {
  render: calling((i) => i.invite('bob', { mode: 'advanced' }), silentWavDataURL(0.5)),
  play: async ({ canvas, globals }) => {
    const L = storyLabels(globals);
    await userEvent.click(await canvas.findByRole('button', { name: 'Call' }));
    const dialog = await canvas.findByRole('dialog');
    const mute = () => within(dialog).queryByRole('button', { name: L.ringback.mute });
    const unlock = () => within(dialog).queryByRole('button', { name: L.ringback.blocked });
    await waitFor(() => expect(mute() ?? unlock()).not.toBeNull());
    const toggle = mute();
    if (toggle) {
      await userEvent.click(toggle);
      await expect(toggle).toHaveAttribute('aria-pressed', 'true');
    } else {
      await expect(unlock()).toBeVisible();
    }
    // Cancelling stops the ringback: neither control is left.
    await userEvent.click(within(dialog).getByRole('button', { name: L.outgoingCallDialog.cancel }));
    await waitFor(() => expect(mute() ?? unlock()).toBeNull());
  },
};
