import type { Meta, StoryObj } from '@storybook/react-vite';
import { expect, userEvent, waitFor, within } from 'storybook/test';
import type { SignalingClient } from '../src/index.js';
import { encodeRound, encodeSpeak, RaiseHandPanel, raiseHandPanelLabels, type RingkitLocale } from '../src/react/index.js';
import { clientsOf, ringkitUsers, UserPane } from './support/ringkitUsers.js';

const STUDENTS = ['ann', 'ben', 'cai'];
const CLASS = { 'class-1': ['teacher', ...STUDENTS] };

/** The labels of the story's locale, so play functions find the same buttons in English and Chinese. */
const labelsOf = (globals: Record<string, unknown>) => raiseHandPanelLabels[(globals.locale as RingkitLocale | undefined) ?? 'en'];

/** The latest raise-hand round a client sees in the class. */
const roundOf = (client: SignalingClient) =>
  client
    .getInvitations()
    .filter((i) => i.groupID === 'class-1' && i.data.includes('raiseHand'))
    .sort((a, b) => b.createTime - a.createTime)[0];

/** One user's pane with the panel; the teacher's client is first in `loaded`, the students follow. */
const meta: Meta<typeof RaiseHandPanel> = {
  title: 'Components/RaiseHandPanel',
  component: RaiseHandPanel,
  loaders: [ringkitUsers(['teacher', ...STUDENTS], CLASS)],
};
export default meta;
type Story = StoryObj<typeof RaiseHandPanel>;

const teacherPane: Story['render'] = (_, { loaded }) => (
  <UserPane client={clientsOf(loaded)[0]!} width={380}>
    <RaiseHandPanel groupID="class-1" />
  </UserPane>
);
const studentPane: Story['render'] = (_, { loaded }) => (
  <UserPane client={clientsOf(loaded)[1]!}>
    <RaiseHandPanel groupID="class-1" view="student" />
  </UserPane>
);

/** The teacher before any round: an optional question and "Ask to raise hands". */
export const TeacherReady: Story = {
  render: teacherPane,
  play: async ({ canvas, globals }) => {
    const l = labelsOf(globals);
    await expect(await canvas.findByRole('button', { name: l.ask })).toBeEnabled();
    await expect(canvas.getByRole('textbox', { name: l.promptLabel })).toBeVisible();
  },
};

/** Asked with a question; cai, then ann raise (on their own clients): the queue shows them in that order. */
export const TeacherQueue: Story = {
  render: teacherPane,
  play: async ({ canvas, globals, loaded }) => {
    const l = labelsOf(globals);
    const [teacher, ann, , cai] = clientsOf(loaded) as SignalingClient[];
    await userEvent.type(await canvas.findByRole('textbox', { name: l.promptLabel }), 'Who knows 7 × 8?');
    await userEvent.click(canvas.getByRole('button', { name: l.ask }));
    await waitFor(() => expect(roundOf(teacher!)).toBeDefined());
    for (const student of [cai!, ann!]) {
      await waitFor(() => expect(roundOf(student)).toBeDefined());
      await student.accept(roundOf(student)!.inviteID);
    }
    const list = await canvas.findByRole('list', { name: l.raisedHands });
    await waitFor(() => expect(within(list).getAllByRole('listitem')).toHaveLength(2));
    const [first, second] = within(list).getAllByRole('listitem');
    await expect(first).toHaveTextContent(/^1\..*cai/);
    await expect(second).toHaveTextContent(/^2\..*ann/);
  },
};

/** "Invite next" invites cai (first raised); cai accepts: cai is speaking now. */
export const TeacherSpeaking: Story = {
  render: teacherPane,
  play: async (context) => {
    await TeacherQueue.play!(context);
    const { canvas, globals, loaded } = context;
    const l = labelsOf(globals);
    const cai = clientsOf(loaded)[3]!;
    await userEvent.click(canvas.getByRole('button', { name: l.inviteNext }));
    const speak = () => cai.getInvitations().find((i) => i.data.includes('"speak"') && i.state === 'active');
    await waitFor(() => expect(speak()).toBeDefined());
    await cai.accept(speak()!.inviteID);
    await waitFor(() => expect(canvas.getByText(l.speakingNow).parentElement).toHaveTextContent(new RegExp(`cai.*${l.speakState.speaking}`)));
  },
};

/** A student before the teacher asks. */
export const StudentWaiting: Story = {
  render: studentPane,
  play: async ({ canvas, globals }) => {
    await expect(await canvas.findByText(labelsOf(globals).waiting)).toBeVisible();
  },
};

/** The teacher asks (on the teacher's client): the student sees the question and "Raise hand". */
export const StudentAsked: Story = {
  render: studentPane,
  play: async ({ canvas, globals, loaded }) => {
    const teacher = clientsOf(loaded)[0]!;
    await teacher.inviteInGroup('class-1', STUDENTS, { data: encodeRound('Who can read the poem aloud?'), timeout: 120 });
    await expect(await canvas.findByRole('button', { name: labelsOf(globals).raiseHand })).toBeEnabled();
    await expect(canvas.getByText('Who can read the poem aloud?')).toBeVisible();
  },
};

/** The student raises a hand: their place in line and "Lower hand". */
export const StudentHandRaised: Story = {
  render: studentPane,
  play: async (context) => {
    await StudentAsked.play!(context);
    const l = labelsOf(context.globals);
    await userEvent.click(context.canvas.getByRole('button', { name: l.raiseHand }));
    await expect(await context.canvas.findByRole('button', { name: l.lowerHand })).toBeEnabled();
    await expect(context.canvas.getByText(l.yourPosition(1))).toBeVisible();
  },
};

/** The teacher invites the student to speak: "You are invited to speak" with Accept / Decline. */
export const StudentInvitedToSpeak: Story = {
  render: studentPane,
  play: async (context) => {
    await StudentHandRaised.play!(context);
    const l = labelsOf(context.globals);
    const [teacher, ann] = clientsOf(context.loaded) as [SignalingClient, SignalingClient];
    const roundID = roundOf(teacher)!.inviteID;
    await teacher.inviteInGroup('class-1', [ann.userID], { data: encodeSpeak(roundID), timeout: 120 });
    const invitation = await context.canvas.findByRole('group', { name: l.invitedToSpeak });
    await expect(within(invitation).getByRole('button', { name: l.acceptSpeak })).toBeEnabled();
    await expect(within(invitation).getByRole('button', { name: l.declineSpeak })).toBeEnabled();
  },
};

/** The student lowers the raised hand: it cannot be raised again in this round. */
export const StudentHandLowered: Story = {
  render: studentPane,
  play: async (context) => {
    await StudentHandRaised.play!(context);
    const l = labelsOf(context.globals);
    await userEvent.click(context.canvas.getByRole('button', { name: l.lowerHand }));
    await expect(await context.canvas.findByText(l.handLowered)).toBeVisible();
    await expect(context.canvas.queryByRole('button', { name: l.raiseHand })).toBeNull();
  },
};

/** "Lower all": every hand goes down, the round closes, and the teacher can ask again. */
export const TeacherRoundClosed: Story = {
  render: teacherPane,
  play: async (context) => {
    await TeacherQueue.play!(context);
    const { canvas, globals, loaded } = context;
    const l = labelsOf(globals);
    await userEvent.click(canvas.getByRole('button', { name: l.lowerAll }));
    await waitFor(() => expect(canvas.getByText(l.roundClosed)).toBeVisible());
    await waitFor(() => expect(canvas.getByRole('button', { name: l.ask })).toBeEnabled());
    await expect(canvas.queryByRole('list', { name: l.raisedHands })).toBeNull();
    const ann = clientsOf(loaded)[1]!;
    await waitFor(() => expect(ann.getInvitations().filter((i) => i.state === 'active')).toEqual([]));
  },
};
