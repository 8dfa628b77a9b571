import type { Meta, StoryObj } from '@storybook/react-vite';
import { expect, userEvent, waitFor, within } from 'storybook/test';
import type { SignalingClient } from '../src/index.js';
import { AcceptButton, encodeCallData, RejectButton, RingingCaller, RingingCountdown, RingingDialog } from '../src/react/index.js';
import { call, callTwice, callWhileInCall } from './support/incomingCalls.js';
import { clientsOf, ringkitUsers, UserPane } from './support/ringkitUsers.js';
import { silentWavDataURL } from './support/silentWav.js';
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
      // Then the built-in ringtone's "Sound is blocked" notice (the story page has had no click yet), and round again.
      const stops = within(dialog).getAllByRole('button').length;
      for (let i = 1; i < stops; i++) {
        await userEvent.tab();
        await expect(dialog).toContainElement(document.activeElement as HTMLElement);
      }
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

/** alice and carol call bob at once: one dialog (alice's, the older), "1 more call waiting". */
export const QueuedCalls: Story = {
  play: async ({ canvas, loaded, globals }) => {
    const L = storyLabels(globals).incomingCall;
    await callTwice(loaded);
    const first = await canvas.findByRole('alertdialog', { name: L.title('alice') });
    await expect(await within(first).findByText(L.waiting(1))).toBeVisible();
    await expect(canvas.getAllByRole('alertdialog')).toHaveLength(1);
  },
};

/** Escape rejects alice's call; carol's, which waited, rings next with focus on Reject. */
export const QueueAdvances: Story = {
  play: async ({ canvas, loaded, globals }) => {
    const L = storyLabels(globals).incomingCall;
    await callTwice(loaded);
    const first = await canvas.findByRole('alertdialog', { name: L.title('alice') });
    await within(first).findByText(L.waiting(1));
    await waitFor(() => expect(within(first).getByRole('button', { name: L.reject })).toHaveFocus());
    await userEvent.keyboard('{Escape}');
    const next = await canvas.findByRole('alertdialog', { name: L.title('carol') });
    await expect(within(next).queryByText(L.waiting(1))).toBeNull();
    await waitFor(() => expect(within(next).getByRole('button', { name: L.reject })).toHaveFocus());
  },
};

/** bob is in a connected call with carol when alice calls: End and accept, Decline, Decline as busy (focus on Decline). */
export const CallWaiting: Story = {
  play: async ({ canvas, loaded, globals }) => {
    const L = storyLabels(globals).incomingCall;
    await callWhileInCall(loaded);
    const dialog = await canvas.findByRole('alertdialog', { name: L.title('alice') });
    await expect(dialog).toHaveAccessibleDescription(`${L.description('audio', false, 2)} · ${L.inCall}`);
    const decline = await within(dialog).findByRole('button', { name: L.decline });
    await expect(within(dialog).getByRole('button', { name: L.declineBusy })).toBeEnabled();
    await expect(within(dialog).getByRole('button', { name: L.endAndAccept })).toBeEnabled();
    await expect(within(dialog).queryByRole('button', { name: L.accept })).toBeNull();
    await waitFor(() => expect(decline).toHaveFocus());
  },
};

/** Call waiting, then End and accept: bob hangs up on carol and answers alice. */
export const CallWaitingEndAndAccept: Story = {
  play: async ({ canvas, loaded, globals }) => {
    const L = storyLabels(globals).incomingCall;
    const { alice, carol, withCarol, fromAlice } = await callWhileInCall(loaded);
    const dialog = await canvas.findByRole('alertdialog', { name: L.title('alice') });
    await userEvent.click(within(dialog).getByRole('button', { name: L.endAndAccept }));
    await waitFor(() => expect(canvas.queryByRole('alertdialog')).toBeNull());
    await waitFor(() => expect(carol.getInvitation(withCarol.inviteID)?.state).toBe('ended'));
    await waitFor(() => expect(alice.getInvitation(fromAlice.inviteID)?.users.find((u) => u.userID === 'bob')?.state).toBe('accepted'));
  },
};

/** alice cancels: the dialog closes at once and the status line says so. */
export const Cancelled: Story = {
  play: async ({ canvas, loaded, globals }) => {
    const L = storyLabels(globals).incomingCall;
    const [alice] = clientsOf(loaded) as [SignalingClient];
    const { inviteID } = await call(alice, 'bob');
    await canvas.findByRole('alertdialog', { name: L.title('alice') });
    await alice.cancel(inviteID);
    await waitFor(() => expect(canvas.queryByRole('alertdialog')).toBeNull());
    await expect(canvas.getByRole('status')).toHaveTextContent(L.ended.cancelled('alice'));
  },
};

/** Nobody answers within the call's timeout (1 s here): a missed call. */
export const TimedOut: Story = {
  play: async ({ canvas, loaded, globals }) => {
    const L = storyLabels(globals).incomingCall;
    const [alice] = clientsOf(loaded) as [SignalingClient];
    await call(alice, 'bob', {}, 1);
    await canvas.findByRole('alertdialog', { name: L.title('alice') });
    await waitFor(() => expect(canvas.getByRole('status')).toHaveTextContent(L.ended.timeout('alice')), { timeout: 5000 });
    await expect(canvas.queryByRole('alertdialog')).toBeNull();
  },
};

/** alice's last device goes away while ringing; after the grace period (1 s here) the call ends for bob. */
export const CallerGone: Story = {
  loaders: [ringkitUsers(['alice', 'bob'], {}, { callerGraceSeconds: 1 })],
  play: async ({ canvas, loaded, globals }) => {
    const L = storyLabels(globals).incomingCall;
    const [alice] = clientsOf(loaded) as [SignalingClient];
    await call(alice, 'bob');
    await canvas.findByRole('alertdialog', { name: L.title('alice') });
    alice.disconnect();
    await waitFor(() => expect(canvas.getByRole('status')).toHaveTextContent(L.ended.callerGone('alice')), { timeout: 6000 });
    await expect(canvas.queryByRole('alertdialog')).toBeNull();
  },
};

/** bob's phone shows the dialog; his laptop answers through its client. */
const twoDevices: Pick<Story, 'loaders' | 'render'> = {
  loaders: [ringkitUsers(['alice', 'bob', 'bob'])],
  render: (args, { loaded }) => {
    const [, phone, laptop] = clientsOf(loaded) as [SignalingClient, SignalingClient, SignalingClient];
    return (
      <>
        <UserPane client={phone} label="bob's phone">
          <RingingDialog {...args} />
        </UserPane>
        <UserPane client={laptop} label="bob's laptop">
          <p>The laptop answers through its client.</p>
        </UserPane>
      </>
    );
  },
};

/** Rings on bob's phone and laptop, then the laptop answers with `answer`; the phone's dialog closes and says why. */
async function answerOnLaptop({ canvas, loaded, globals }: Parameters<NonNullable<Story['play']>>[0], answer: 'accept' | 'reject') {
  const L = storyLabels(globals).incomingCall;
  const [alice, , laptop] = clientsOf(loaded) as [SignalingClient, SignalingClient, SignalingClient];
  const phone = within(canvas.getByRole('region', { name: "bob's phone" }));
  const { inviteID } = await call(alice, 'bob');
  await phone.findByRole('alertdialog', { name: L.title('alice') });
  await waitFor(() => expect(laptop.getInvitation(inviteID)).toBeDefined());
  await laptop[answer](inviteID);
  await waitFor(() => expect(phone.queryByRole('alertdialog')).toBeNull());
  const said = answer === 'accept' ? L.ended.answeredElsewhere('alice') : L.ended.declinedElsewhere('alice');
  await expect(phone.getByRole('status')).toHaveTextContent(said);
}

/** bob has two devices; he answers on the laptop, so the phone's dialog closes and says why. */
export const AnsweredOnAnotherDevice: Story = { ...twoDevices, play: (context) => answerOnLaptop(context, 'accept') };

/** bob declines on the laptop: the phone stops ringing and says it was declined there. */
export const DeclinedOnAnotherDevice: Story = { ...twoDevices, play: (context) => answerOnLaptop(context, 'reject') };

/**
 * A ringtone the browser refuses to start before the user interacted with the page: the dialog
 * shows "Sound is blocked — click to enable ringing" (in a page the user already clicked, it rings
 * and offers "Mute ringtone" instead).
 */
export const SoundBlocked: Story = {
  args: { ringtone: silentWavDataURL(0.5) },
  play: async ({ canvas, loaded, globals }) => {
    const { incomingCall: L, ringtone: T } = storyLabels(globals);
    const [alice] = clientsOf(loaded) as [SignalingClient];
    await call(alice, 'bob');
    const dialog = await canvas.findByRole('alertdialog', { name: L.title('alice') });
    const activated = navigator.userActivation?.hasBeenActive ?? false;
    const control = activated ? { name: T.mute } : { name: T.blocked };
    await expect(await within(dialog).findByRole('button', control)).toBeVisible();
  },
};

/**
 * The parts rearranged by an app: big round Accept on the left, Reject with its own words, the
 * countdown under the buttons (`RingingCaller`, `AcceptButton`, `RejectButton`, `RingingCountdown`).
 */
export const Rearranged: Story = {
  render: (_, { loaded }) => {
    const [, bob] = clientsOf(loaded) as [SignalingClient, SignalingClient];
    return (
      <UserPane client={bob} width={400}>
        <style>{`.my-answer { display: flex; gap: 24px; justify-content: center; }
.my-answer .rk-button { width: 72px; height: 72px; border-radius: 50%; padding: 0; }`}</style>
        <RingingDialog>
          <RingingCaller />
          <div className="my-answer">
            <AcceptButton />
            <RejectButton>Later</RejectButton>
          </div>
          <RingingCountdown />
        </RingingDialog>
      </UserPane>
    );
  },
  play: async ({ canvas, loaded, globals }) => {
    const L = storyLabels(globals).incomingCall;
    const [alice, bob] = clientsOf(loaded) as [SignalingClient, SignalingClient];
    const { inviteID } = await call(alice, 'bob');
    const dialog = await canvas.findByRole('alertdialog', { name: L.title('alice') });
    const buttons = within(dialog).getAllByRole('button');
    await expect(buttons.map((b) => b.textContent)).toEqual([L.accept, 'Later']);
    // The focus still starts on Reject, wherever it is placed.
    await waitFor(() => expect(within(dialog).getByRole('button', { name: 'Later' })).toHaveFocus());
    await userEvent.click(within(dialog).getByRole('button', { name: L.accept }));
    await waitFor(() => expect(bob.getInvitation(inviteID)?.users.find((u) => u.userID === 'bob')?.state).toBe('accepted'));
    await waitFor(() => expect(canvas.queryByRole('alertdialog')).toBeNull());
  },
};
