import type { Meta, StoryObj } from '@storybook/react-vite';
import { expect, userEvent, waitFor, within } from 'storybook/test';
import type { SignalingClient } from '../src/index.js';
import { ParticipantList, ParticipantListItem, useActiveInvitations, type GetUser, type ParticipantRowRenderer } from '../src/react/index.js';
import { clientsOf, ringkitUsers, UserPane } from './support/ringkitUsers.js';
import { storyLabels } from './support/storyLabels.js';

// A school of 1,000 students; only the teacher and five students are connected in the page.
const STUDENTS = Array.from({ length: 1000 }, (_, i) => `s${String(i + 1).padStart(4, '0')}`);
const CONNECTED = ['teacher', ...STUDENTS.slice(0, 5)];
const getUser: GetUser = (id) => (id.startsWith('s') ? { name: `Student ${Number(id.slice(1))}` } : { name: 'Teacher' });

/** The list of the teacher's newest invitation (the round the play function starts). */
function TeacherList({ row }: { row?: ParticipantRowRenderer }) {
  const rounds = useActiveInvitations({ role: 'inviter' });
  return (
    <ParticipantList inviteID={rounds[rounds.length - 1]?.inviteID} getUser={getUser}>
      {row}
    </ParticipantList>
  );
}

const meta: Meta<typeof ParticipantList> = {
  title: 'Components/ParticipantList',
  component: ParticipantList,
  loaders: [ringkitUsers(CONNECTED, { school: ['teacher', ...STUDENTS] })],
  render: (_, { loaded }) => (
    <UserPane client={clientsOf(loaded)[0]!} width={460}>
      <TeacherList />
    </UserPane>
  ),
};
export default meta;
type Story = StoryObj<typeof ParticipantList>;

/** The teacher rings all 1,000 students; 2 accept, 1 declines, 2 ring, 995 have no device online. */
async function ringSchool(loaded: Record<string, unknown>) {
  const [teacher, s1, s2, s3, s4] = clientsOf(loaded) as SignalingClient[];
  const { inviteID } = await teacher!.inviteInGroup('school', STUDENTS, { timeout: 300 });
  for (const student of [s1!, s2!, s3!, s4!]) await waitFor(() => expect(student.getInvitation(inviteID)).toBeDefined());
  await s2!.accept(inviteID);
  await s4!.accept(inviteID);
  await s3!.reject(inviteID);
  return inviteID;
}

/** 1,000 users, virtualized: a few dozen rows in the page, sorted (accepted, ringing, ended), scrolls to the end. */
export const ThousandUsers: Story = {
  play: async ({ canvas, globals, loaded }) => {
    const L = storyLabels(globals);
    await ringSchool(loaded);
    const list = await canvas.findByRole('list', { name: L.participantList.list });
    await waitFor(() => expect(canvas.getByText(L.participantList.counts(2, 997, 1))).toBeVisible());
    const items = () => within(list).getAllByRole('listitem');
    await expect(items().length).toBeLessThan(40);
    await expect(items()[0]).toHaveAttribute('aria-setsize', '1000');
    await expect(items()[0]).toHaveTextContent('Student 2');
    await expect(items()[1]).toHaveTextContent('Student 4');
    await expect(items()[2]).toHaveTextContent('Student 1');
    // Keyboard: the list takes focus and End scrolls it to the last row (the student who declined).
    list.focus();
    list.scrollTop = list.scrollHeight;
    await waitFor(() => expect(items().at(-1)).toHaveAttribute('aria-posinset', '1000'));
    await expect(items().at(-1)).toHaveTextContent('Student 3');
    await expect(items().at(-1)).toHaveTextContent(L.common.states.rejected);
  },
};

/** Search by name: the matches, and how many, announced politely. */
export const Search: Story = {
  play: async ({ canvas, globals, loaded }) => {
    const L = storyLabels(globals);
    await ringSchool(loaded);
    const list = await canvas.findByRole('list', { name: L.participantList.list });
    await userEvent.type(canvas.getByRole('searchbox', { name: L.participantList.search }), 'Student 99');
    await waitFor(() => expect(within(list).getAllByRole('listitem')).toHaveLength(11));
    await expect(canvas.getByRole('status')).toHaveTextContent(L.participantList.results(11, 1000));
    await userEvent.type(canvas.getByRole('searchbox'), '99');
    await waitFor(() => expect(canvas.getByText(L.participantList.noMatch)).toBeVisible());
  },
};

/** A render prop replaces each row: here the default row plus a "hand" note for accepted users. */
export const CustomRow: Story = {
  render: (_, { loaded }) => (
    <UserPane client={clientsOf(loaded)[0]!} width={460}>
      <TeacherList
        row={(user, display) => (
          <ParticipantListItem user={user} display={display}>
            {user.state === 'accepted' ? <span className="rk-story-note">🎤</span> : null}
          </ParticipantListItem>
        )}
      />
    </UserPane>
  ),
  play: async ({ canvas, globals, loaded }) => {
    const L = storyLabels(globals);
    await ringSchool(loaded);
    const list = await canvas.findByRole('list', { name: L.participantList.list });
    await waitFor(() => expect(within(list).getAllByText('🎤')).toHaveLength(2));
  },
};
