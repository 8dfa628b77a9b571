import type { Meta, StoryObj } from '@storybook/react-vite';
import { expect, fireEvent, userEvent, waitFor, within } from 'storybook/test';
import type { SignalingClient } from '../src/index.js';
import { InviteMembersPicker, useActiveInvitations, type GetUser } from '../src/react/index.js';
import { clientsOf, ringkitUsers, UserPane } from './support/ringkitUsers.js';
import { storyLabels } from './support/storyLabels.js';

// The team has 12 people; the in-page server allows 10 per call (the default maxCallUsers).
const TEAM = ['alice', 'bob', 'carol', 'dave', 'erin', 'frank', 'gina', 'hugo', 'iris', 'jack', 'kim', 'lee'];
const CONNECTED = TEAM.slice(0, 6);
const getUser: GetUser = (id) => ({ name: id[0]!.toUpperCase() + id.slice(1) });

/** alice's picker for her running call (her newest advanced invitation). */
function AlicePicker() {
  const calls = useActiveInvitations({ mode: 'advanced', role: 'inviter' });
  return <InviteMembersPicker inviteID={calls[calls.length - 1]?.inviteID} getUser={getUser} />;
}

const meta: Meta<typeof InviteMembersPicker> = {
  title: 'Components/InviteMembersPicker',
  component: InviteMembersPicker,
  loaders: [ringkitUsers(CONNECTED, { team: TEAM })],
  render: (_, { loaded }) => (
    <UserPane client={clientsOf(loaded)[0]!} width={400}>
      <AlicePicker />
    </UserPane>
  ),
};
export default meta;
type Story = StoryObj<typeof InviteMembersPicker>;

/** alice's call: `accepted` of the invitees accept, the rest keep ringing. */
async function startCall(loaded: Record<string, unknown>, invitees: string[], accepted: SignalingClient[]) {
  const [alice] = clientsOf(loaded) as SignalingClient[];
  const { inviteID } = await alice!.inviteInGroup('team', invitees, { mode: 'advanced', timeout: 300 });
  for (const user of accepted) {
    await waitFor(() => expect(user.getInvitation(inviteID)).toBeDefined());
    await user.accept(inviteID);
  }
  return inviteID;
}

/** 7 of 10 places taken (alice, bob and carol in the call, 4 ringing): 3 can be added; at 3 the rest lock. */
export const NearTheLimit: Story = {
  play: async ({ canvas, globals, loaded }) => {
    const L = storyLabels(globals).inviteMembersPicker;
    const [, bob, carol] = clientsOf(loaded) as SignalingClient[];
    await startCall(loaded, ['bob', 'carol', 'dave', 'erin', 'frank', 'gina'], [bob!, carol!]);
    const picker = await canvas.findByRole('group', { name: L.title });
    await waitFor(() => expect(within(picker).getByText(L.remaining(3))).toBeVisible());
    await waitFor(() => expect(within(picker).getAllByRole('checkbox')).toHaveLength(11));
    await expect(within(picker).getByRole('checkbox', { name: 'Bob' })).toBeDisabled();
    await waitFor(() => expect(within(picker).getByRole('checkbox', { name: 'Bob' })).toHaveAccessibleDescription(L.reasons.inCall));
    await expect(within(picker).getByRole('checkbox', { name: 'Dave' })).toHaveAccessibleDescription(L.reasons.ringing);

    // Keyboard: Space ticks a checkbox.
    within(picker).getByRole('checkbox', { name: 'Hugo' }).focus();
    await userEvent.keyboard(' ');
    await userEvent.click(within(picker).getByRole('checkbox', { name: 'Iris' }));
    await expect(within(picker).getByText(L.remaining(1))).toBeVisible();
    await userEvent.click(within(picker).getByRole('checkbox', { name: 'Jack' }));
    await expect(within(picker).getByRole('checkbox', { name: 'Kim' })).toBeDisabled();
    await expect(within(picker).getByRole('checkbox', { name: 'Kim' })).toHaveAccessibleDescription(`${L.reasons.full} ${L.remaining(0)}`);
  },
};

/** Pick two and invite: they ring (their boxes lock as "Ringing"), the places left drop. */
export const Invited: Story = {
  play: async ({ canvas, globals, loaded }) => {
    const L = storyLabels(globals).inviteMembersPicker;
    const [, bob] = clientsOf(loaded) as SignalingClient[];
    await startCall(loaded, ['bob', 'carol'], [bob!]);
    const picker = await canvas.findByRole('group', { name: L.title });
    await waitFor(() => expect(within(picker).getByText(L.remaining(7))).toBeVisible());
    await userEvent.click(within(picker).getByRole('checkbox', { name: 'Erin' }));
    await userEvent.click(within(picker).getByRole('checkbox', { name: 'Lee' }));
    await userEvent.click(canvas.getByRole('button', { name: L.invite(2) }));
    await waitFor(() => expect(canvas.getByText(L.invited(['Erin', 'Lee']))).toBeVisible());
    await waitFor(() => expect(within(picker).getByRole('checkbox', { name: 'Erin' })).toBeDisabled());
    await expect(within(picker).getByRole('checkbox', { name: 'Lee' })).toHaveAccessibleDescription(L.reasons.ringing);
    await expect(within(picker).getByText(L.remaining(5))).toBeVisible();
  },
};

/**
 * Bob rings Dave a moment before alice presses Invite (same tick, so her picker could not know):
 * Erin rings, and the server's `errorInvitees` says why Dave was skipped.
 */
export const Skipped: Story = {
  play: async ({ canvas, globals, loaded }) => {
    const L = storyLabels(globals).inviteMembersPicker;
    const [, bob] = clientsOf(loaded) as SignalingClient[];
    const inviteID = await startCall(loaded, ['bob'], [bob!]);
    const picker = await canvas.findByRole('group', { name: L.title });
    await waitFor(() => expect(within(picker).getByRole('checkbox', { name: 'Bob' })).toBeDisabled());
    await userEvent.click(within(picker).getByRole('checkbox', { name: 'Dave' }));
    await userEvent.click(within(picker).getByRole('checkbox', { name: 'Erin' }));
    void bob!.callingInvite(inviteID, ['dave']);
    fireEvent.click(canvas.getByRole('button', { name: L.invite(2) }));
    await waitFor(() => expect(canvas.getByText(L.notInvited('Dave', L.failures.INVALID_STATE!))).toBeVisible());
    await expect(canvas.getByText(L.invited(['Erin']))).toBeVisible();
  },
};

/** Ten people in the call: full, every box locked. */
export const Full: Story = {
  play: async ({ canvas, globals, loaded }) => {
    const L = storyLabels(globals).inviteMembersPicker;
    const [alice] = clientsOf(loaded) as SignalingClient[];
    const inviteID = await startCall(loaded, ['bob', 'carol', 'dave', 'erin', 'frank', 'gina', 'hugo', 'iris'], []);
    await alice!.callingInvite(inviteID, ['jack']);
    const picker = await canvas.findByRole('group', { name: L.title });
    await waitFor(() => expect(within(picker).getByText(L.full)).toBeVisible());
    for (const box of within(picker).getAllByRole('checkbox')) await expect(box).toBeDisabled();
    await expect(canvas.getByRole('button', { name: L.invite(0) })).toBeDisabled();
  },
};
