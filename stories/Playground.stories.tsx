import type { Meta, StoryObj } from '@storybook/react-vite';
import { expect, userEvent, waitFor, within } from 'storybook/test';
import type { Invitation, SignalingClient } from '../src/index.js';
import {
  CallHistoryList,
  OutgoingCallDialog,
  ParticipantList,
  RaiseHandPanel,
  raiseHandKind,
  RingingDialog,
  useCall,
  useMissedCallCount,
} from '../src/react/index.js';
import { clientsOf, ringkitUsers, UserPane } from './support/ringkitUsers.js';
import { storyLabels } from './support/storyLabels.js';

/** Classroom invitations belong to the raise-hand panel, not to the ringing dialog. */
const isCall = (invitation: Invitation) => !raiseHandKind(invitation);

/** One user's phone on `useCall`: call the other user, hang up, the kit's outgoing dialog while it rings and its participant list while connected. */
function Phone({ peer }: { peer: string }) {
  const call = useCall();
  return (
    <>
      <div className="rk-story-phone" data-rk-state={call.status} style={{ display: 'flex', alignItems: 'center', gap: 12 }}>
        <p role="status" style={{ margin: 0 }}>
          Call: <b>{call.status}</b>
          {call.reason ? ` (${call.reason})` : ''}
        </p>
        {call.status === 'idle' && (
          <button type="button" className="rk-button" data-rk-variant="accept" onClick={() => void call.call(peer, { roomID: 'playground' })}>
            Call {peer}
          </button>
        )}
        {call.status === 'connected' && (
          <button type="button" className="rk-button" data-rk-variant="reject" onClick={() => void call.hangUp()}>
            Hang up
          </button>
        )}
        {call.status === 'ended' && (
          <button type="button" className="rk-button" onClick={call.reset}>
            OK
          </button>
        )}
        <OutgoingCallDialog inviteID={call.direction === 'outgoing' && call.status === 'calling' ? call.callID : null} />
      </div>
      {call.status === 'connected' && <ParticipantList inviteID={call.callID} />}
    </>
  );
}

/** The missed-call badge any app bar would show. */
function MissedBadge() {
  const { count } = useMissedCallCount();
  return <p>Missed calls: {count}</p>;
}

/** Everything the kit has, for one user. */
function Screen({ peer }: { peer: string }) {
  return (
    <div style={{ display: 'flex', flexDirection: 'column', gap: 12 }}>
      <Phone peer={peer} />
      <RingingDialog filter={isCall} />
      <RaiseHandPanel groupID="class" />
      <MissedBadge />
      <CallHistoryList />
    </div>
  );
}

/** alice and bob side by side, each on their own client of the in-page engine. */
function TwoUsers({ loaded }: { loaded: Record<string, unknown> }) {
  const [alice, bob] = clientsOf(loaded) as [SignalingClient, SignalingClient];
  return (
    <>
      <UserPane client={alice} width={420}>
        <Screen peer="bob" />
      </UserPane>
      <UserPane client={bob} width={420}>
        <Screen peer="alice" />
      </UserPane>
    </>
  );
}

const meta: Meta<typeof TwoUsers> = {
  title: 'Flows/Playground',
  component: TwoUsers,
  loaders: [ringkitUsers(['alice', 'bob'], { class: ['alice', 'bob'] })],
  render: (_, { loaded }) => <TwoUsers loaded={loaded} />,
};
export default meta;

/**
 * Two users side by side with every component: alice calls bob, bob answers in the ringing dialog,
 * hangs up, and both call logs show the answered call; then alice asks the class and bob raises a hand.
 */
export const TwoUsersSideBySide: StoryObj<typeof TwoUsers> = {
  play: async ({ canvas, globals, step }) => {
    const L = storyLabels(globals);
    const alice = within(await canvas.findByRole('region', { name: 'alice' }));
    const bob = within(canvas.getByRole('region', { name: 'bob' }));
    await step('alice calls bob; bob accepts in the ringing dialog', async () => {
      await userEvent.click(await alice.findByRole('button', { name: 'Call bob' }));
      const dialog = await bob.findByRole('alertdialog', { name: L.incomingCall.title('alice') });
      await userEvent.click(within(dialog).getByRole('button', { name: L.incomingCall.accept }));
      await waitFor(() => expect(alice.getByText('connected')).toBeVisible());
      await expect(bob.getByText('connected')).toBeVisible();
      // Both are in alice's participant list, accepted.
      await waitFor(() => expect(alice.getAllByText(L.common.states.accepted, { selector: '.rk-badge' })).toHaveLength(2));
    });
    await step('bob hangs up; both call logs show the answered call', async () => {
      await userEvent.click(bob.getByRole('button', { name: 'Hang up' }));
      for (const pane of [alice, bob]) {
        await waitFor(() => expect(pane.getByRole('list', { name: L.callHistoryList.today })).toHaveTextContent(L.callHistoryList.kinds.answered));
      }
    });
    await step('alice asks the class; bob raises a hand and is first in her queue', async () => {
      await userEvent.click(alice.getByRole('button', { name: L.raiseHandPanel.ask }));
      await userEvent.click(await bob.findByRole('button', { name: L.raiseHandPanel.raiseHand }));
      const queue = await alice.findByRole('list', { name: L.raiseHandPanel.raisedHands });
      await waitFor(() => expect(within(queue).getByRole('listitem')).toHaveTextContent(/^1\..*bob/));
    });
  },
};
