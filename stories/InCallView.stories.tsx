import type { Meta, StoryObj } from '@storybook/react-vite';
import { expect, userEvent, waitFor, within } from 'storybook/test';
import type { SignalingClient } from '../src/index.js';
import { HangUpButton, InCallPeer, InCallView, useCall } from '../src/react/index.js';
import { clientsOf, ringkitUsers, UserPane } from './support/ringkitUsers.js';
import { storyLabels } from './support/storyLabels.js';

/** A stand-in for the media view the app (or `ringkit/media`) puts in the slot. */
function FakeVideo({ roomID }: { roomID: string | null }) {
  return (
    <div
      style={{
        display: 'grid',
        placeItems: 'center',
        aspectRatio: '16 / 9',
        borderRadius: 8,
        background: 'var(--rk-color-surface)',
        color: 'var(--rk-color-text-muted)',
      }}
    >
      Media of room {roomID}
    </div>
  );
}

/** alice's screen: a Call button of the app (its own `useCall`), and the in-call view anywhere. */
function AliceScreen({ layout }: { layout?: boolean }) {
  const call = useCall();
  return (
    <>
      {call.status === 'idle' && (
        <button type="button" className="rk-button" data-rk-variant="accept" onClick={() => void call.call('bob', { roomID: 'story-room' })}>
          Call bob
        </button>
      )}
      <InCallView
        getUser={(id) => (id === 'bob' ? { name: 'Bob Lee' } : undefined)}
        layout={
          layout ? (
            <>
              <HangUpButton />
              <InCallPeer />
            </>
          ) : undefined
        }
      >
        {(c) => <FakeVideo roomID={c.roomID} />}
      </InCallView>
    </>
  );
}

const meta: Meta<typeof InCallView> = {
  title: 'Components/InCallView',
  component: InCallView,
  loaders: [ringkitUsers(['alice', 'bob'])],
  render: (_, { loaded }) => {
    const [alice] = clientsOf(loaded) as [SignalingClient];
    return (
      <UserPane client={alice} width={420}>
        <AliceScreen />
      </UserPane>
    );
  },
};
export default meta;
type Story = StoryObj<typeof InCallView>;

/** alice calls bob from her own button and bob accepts: the view appears (peer, timer, media slot, Hang up). */
export const Connected: Story = {
  play: async ({ canvas, loaded, globals }) => {
    const L = storyLabels(globals).inCallView;
    const [, bob] = clientsOf(loaded) as [SignalingClient, SignalingClient];
    await userEvent.click(await canvas.findByRole('button', { name: 'Call bob' }));
    await expect(canvas.queryByRole('region', { name: L.title('Bob Lee') })).toBeNull();
    await waitFor(() => expect(bob.getInvitations()).toHaveLength(1));
    await bob.accept(bob.getInvitations()[0]!.inviteID);
    const view = await canvas.findByRole('region', { name: L.title('Bob Lee') });
    await expect(within(view).getByText('Media of room story-room')).toBeVisible();
    await waitFor(() => expect(within(view).getByRole('timer', { name: L.duration })).toHaveTextContent(/^0:0[1-9]$/), { timeout: 4000 });
  },
};

/** Hang up ends the call for both; the view goes away. */
export const HungUp: Story = {
  play: async ({ canvas, loaded, globals }) => {
    const L = storyLabels(globals).inCallView;
    const [, bob] = clientsOf(loaded) as [SignalingClient, SignalingClient];
    await userEvent.click(await canvas.findByRole('button', { name: 'Call bob' }));
    await waitFor(() => expect(bob.getInvitations()).toHaveLength(1));
    const { inviteID } = bob.getInvitations()[0]!;
    await bob.accept(inviteID);
    const view = await canvas.findByRole('region', { name: L.title('Bob Lee') });
    await userEvent.click(within(view).getByRole('button', { name: L.hangUp }));
    await waitFor(() => expect(canvas.queryByRole('region', { name: L.title('Bob Lee') })).toBeNull());
    await waitFor(() => expect(bob.getInvitation(inviteID)?.state).toBe('ended'));
  },
};

/** The parts rearranged: Hang up above the peer (`layout` with `HangUpButton` and `InCallPeer`). */
export const Rearranged: Story = {
  render: (_, { loaded }) => {
    const [alice] = clientsOf(loaded) as [SignalingClient];
    return (
      <UserPane client={alice} width={420}>
        <AliceScreen layout />
      </UserPane>
    );
  },
  play: async ({ canvas, loaded, globals }) => {
    const L = storyLabels(globals).inCallView;
    const [, bob] = clientsOf(loaded) as [SignalingClient, SignalingClient];
    await userEvent.click(await canvas.findByRole('button', { name: 'Call bob' }));
    await waitFor(() => expect(bob.getInvitations()).toHaveLength(1));
    await bob.accept(bob.getInvitations()[0]!.inviteID);
    const view = await canvas.findByRole('region', { name: L.title('Bob Lee') });
    const first = view.firstElementChild;
    await expect(first).toHaveAccessibleName(L.hangUp);
  },
};
