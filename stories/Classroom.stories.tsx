import type { Meta, StoryObj } from '@storybook/react-vite';
import { expect, userEvent, waitFor, within } from 'storybook/test';
import { RaiseHandPanel, raiseHandPanelLabels, RingkitUsersProvider, type GetUser, type RingkitLocale } from '../src/react/index.js';
import { clientsOf, ringkitUsers, UserPane } from './support/ringkitUsers.js';

const STUDENTS = ['ann', 'ben', 'cai', 'dev'];
const NAMES: Record<string, string> = { teacher: 'Ms. Rivera', ann: 'Ann Lee', ben: 'Ben Cho', cai: 'Cai Wen', dev: 'Dev Patel' };
const getUser: GetUser = (id) => ({ name: NAMES[id] ?? id });

/** A teacher and four students, each on their own client of the in-page engine. */
function ClassroomPanes({ loaded }: { loaded: Record<string, unknown> }) {
  const [teacher, ...students] = clientsOf(loaded);
  return (
    <RingkitUsersProvider getUser={getUser}>
      <UserPane client={teacher!} width={380}>
        <RaiseHandPanel groupID="class-1" view="teacher" />
      </UserPane>
      <div className="rk-story-grid">
        {students.map((student) => (
          <UserPane key={student.userID} client={student} width={250}>
            <RaiseHandPanel groupID="class-1" view="student" />
          </UserPane>
        ))}
      </div>
    </RingkitUsersProvider>
  );
}

const meta: Meta<typeof ClassroomPanes> = {
  title: 'Flows/Classroom',
  component: ClassroomPanes,
  loaders: [ringkitUsers(['teacher', ...STUDENTS], { 'class-1': ['teacher', ...STUDENTS] })],
  render: (_, { loaded }) => <ClassroomPanes loaded={loaded} />,
};
export default meta;

/**
 * The teacher asks; cai, ann and dev raise their hands in that order; the teacher's queue shows
 * them numbered in that order; "Invite next" calls on cai, who accepts; every pane shows who speaks.
 */
export const Classroom: StoryObj<typeof ClassroomPanes> = {
  play: async ({ canvas, globals, step }) => {
    const l = raiseHandPanelLabels[(globals.locale as RingkitLocale | undefined) ?? 'en'];
    const pane = (id: string) => within(canvas.getByRole('region', { name: id }));
    const teacher = within(await canvas.findByRole('region', { name: 'teacher' }));
    await step('the teacher asks the class', async () => {
      await userEvent.type(teacher.getByRole('textbox', { name: l.promptLabel }), 'Who knows 7 × 8?');
      await userEvent.click(teacher.getByRole('button', { name: l.ask }));
    });
    await step('cai, ann and dev raise their hands in that order', async () => {
      for (const id of ['cai', 'ann', 'dev']) {
        await userEvent.click(await pane(id).findByRole('button', { name: l.raiseHand }));
        await pane(id).findByRole('button', { name: l.lowerHand });
      }
      const list = await teacher.findByRole('list', { name: l.raisedHands });
      await waitFor(() => expect(within(list).getAllByRole('listitem')).toHaveLength(3));
      const rows = within(list).getAllByRole('listitem');
      await expect(rows[0]).toHaveTextContent(/^1\..*Cai Wen/);
      await expect(rows[1]).toHaveTextContent(/^2\..*Ann Lee/);
      await expect(rows[2]).toHaveTextContent(/^3\..*Dev Patel/);
    });
    await step('the teacher invites the first to speak; Cai accepts', async () => {
      await userEvent.click(teacher.getByRole('button', { name: l.inviteNext }));
      const invitation = await pane('cai').findByRole('group', { name: l.invitedToSpeak });
      await userEvent.click(within(invitation).getByRole('button', { name: l.acceptSpeak }));
      await pane('cai').findByText(l.youAreSpeaking);
      for (const id of ['teacher', 'ben']) {
        await waitFor(() => expect(pane(id).getByText(l.speakingNow).parentElement).toHaveTextContent(new RegExp(`Cai Wen.*${l.speakState.speaking}`)));
      }
    });
  },
};
