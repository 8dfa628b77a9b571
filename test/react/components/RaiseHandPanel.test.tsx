import { act, render, screen, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import type { ReactNode } from 'react';
import { describe, expect, it } from 'vitest';
import type { SignalingClient } from '../../../src/client/SignalingClient.js';
import { RaiseHandPanel, RingingDialog, RingkitLabelsProvider, RingkitProvider } from '../../../src/react/index.js';
import { connectClient, eventually, startServer } from '../support/ringkit.js';
import { expectAccessible } from './support/expectAccessible.js';

const STUDENTS = ['s1', 's2', 's3', 's4'];

async function classroom() {
  const server = await startServer();
  await server.groups.createGroup('class', ['teacher', ...STUDENTS]);
  const clients = await Promise.all(['teacher', ...STUDENTS].map((id) => connectClient(server, id)));
  return clients;
}

/** One pane per user, like the classroom story: each a region named after the user. */
function Panes({ clients, locale = 'en', teacherExtra }: { clients: SignalingClient[]; locale?: 'en' | 'zh'; teacherExtra?: ReactNode }) {
  return (
    <RingkitLabelsProvider locale={locale}>
      {clients.map((c, i) => (
        <section key={c.userID} aria-label={c.userID}>
          <RingkitProvider client={c}>
            <RaiseHandPanel groupID="class" view={i === 0 ? 'teacher' : 'student'} />
            {i === 0 && teacherExtra}
          </RingkitProvider>
        </section>
      ))}
    </RingkitLabelsProvider>
  );
}

const pane = (name: string) => within(screen.getByRole('region', { name }));

describe('RaiseHandPanel', () => {
  it('runs a round: ask, hands in the order raised with positions, invite to speak, accept, lower all', async () => {
    const user = userEvent.setup();
    const clients = await classroom();
    const { container } = render(<Panes clients={clients} />);
    const teacher = pane('teacher');
    expect(teacher.getByRole('group', { name: 'Raise hands' }).dataset.rkState).toBe('idle');
    expect(pane('s1').getByText('Waiting for the teacher to ask.')).toBeTruthy();
    await expectAccessible(container);

    // Keyboard: type the question, Enter submits the form.
    await user.type(teacher.getByRole('textbox', { name: 'Question (optional)' }), 'Who knows 7 × 8?{Enter}');
    await eventually(() => expect(pane('s3').getByRole('button', { name: 'Raise hand' })).toBeTruthy());
    expect(pane('s3').getByText('Who knows 7 × 8?')).toBeTruthy();
    expect(teacher.getByText('Who knows 7 × 8?')).toBeTruthy();
    expect(teacher.getByText('No hands raised yet.')).toBeTruthy();
    await expectAccessible(container);

    // s3, then s1, then s4 raise: the teacher's list shows them in that order, numbered.
    // s3 by keyboard: focus "Raise hand", Enter.
    pane('s3').getByRole('button', { name: 'Raise hand' }).focus();
    await user.keyboard('{Enter}');
    await eventually(() => expect(pane('s3').getByRole('button', { name: 'Lower hand' })).toBeTruthy());
    for (const id of ['s1', 's4']) {
      await user.click(pane(id).getByRole('button', { name: 'Raise hand' }));
      await eventually(() => expect(pane(id).getByRole('button', { name: 'Lower hand' })).toBeTruthy());
    }
    await eventually(() => expect(teacher.getAllByRole('listitem')).toHaveLength(3));
    const rows = within(teacher.getByRole('list', { name: 'Raised hands' })).getAllByRole('listitem');
    expect(rows.map((r) => r.textContent)).toEqual([expect.stringMatching(/^1\.Ss3/), expect.stringMatching(/^2\.Ss1/), expect.stringMatching(/^3\.Ss4/)]);
    expect(teacher.getByRole('status').textContent).toBe('3 of 4 raised a hand');
    expect(pane('s1').getByText('Your hand is up: number 2 in line.')).toBeTruthy();
    await expectAccessible(container);

    // "Invite next" invites s3 (first raised); s3 accepts; everyone sees who speaks.
    await user.click(teacher.getByRole('button', { name: 'Invite next' }));
    await eventually(() => expect(pane('s3').getByRole('group', { name: 'You are invited to speak' })).toBeTruthy());
    const invitation = pane('s3').getByRole('group', { name: 'You are invited to speak' });
    await expectAccessible(container);
    expect(pane('s1').queryByRole('group', { name: 'You are invited to speak' })).toBeNull();
    // Keyboard: from "Lower hand", Tab reaches Accept (then Decline); Space accepts.
    pane('s3').getByRole('button', { name: 'Lower hand' }).focus();
    await user.tab();
    expect(document.activeElement).toBe(within(invitation).getByRole('button', { name: 'Accept' }));
    await user.keyboard(' ');
    await eventually(() => expect(pane('s3').getByText('You are speaking.')).toBeTruthy());
    await eventually(() => expect(teacher.getByText('Speaking now').parentElement?.textContent).toContain('s3'));
    await eventually(() => expect(pane('s2').getByText('Speaking now').parentElement?.textContent).toMatch(/s3.*Speaking/));

    // Per student: invite s4 to speak; s4 declines; "Invite next" now goes to s1 (s3 and s4 were asked).
    await user.click(teacher.getByRole('button', { name: 'Invite to speak: s4' }));
    await eventually(() => expect(pane('s4').getByRole('button', { name: 'Decline' })).toBeTruthy());
    await user.click(pane('s4').getByRole('button', { name: 'Decline' }));
    await eventually(() => expect(teacher.getByText('Speaking now').parentElement?.textContent).toMatch(/s4.*Declined/));
    await user.click(teacher.getByRole('button', { name: 'Invite next' }));
    await eventually(() => expect(pane('s1').getByRole('group', { name: 'You are invited to speak' })).toBeTruthy());

    // Lower all: the round closes, every hand is down, the teacher may ask again.
    await user.click(teacher.getByRole('button', { name: 'Lower all' }));
    await eventually(() => expect(teacher.getByRole('status').textContent).toBe('Round closed: every hand is down.'));
    for (const id of STUDENTS) await eventually(() => expect(pane(id).getByText('The teacher lowered every hand.')).toBeTruthy());
    expect(pane('s3').queryByRole('button', { name: 'Lower hand' })).toBeNull();
    expect(pane('s2').queryByRole('button', { name: 'Raise hand' })).toBeNull();
    expect(teacher.queryByRole('list', { name: 'Raised hands' })).toBeNull();
    expect(teacher.getByRole('button', { name: 'Ask to raise hands' })).toBeTruthy();
    await expectAccessible(container);
  });

  it('lets a student lower a raised hand; the queue closes up and nothing rings or is announced', async () => {
    const user = userEvent.setup();
    const clients = await classroom();
    // The teacher's app also has a ringing dialog (rounds are not the teacher's to answer; markers never ring).
    const rung: string[] = [];
    clients[0]!.on('invitationReceived', (e) => rung.push(e.data));
    render(<Panes clients={clients.slice(0, 3)} teacherExtra={<RingingDialog />} />);
    const teacher = pane('teacher');
    await user.click(teacher.getByRole('button', { name: 'Ask to raise hands' }));
    for (const id of ['s2', 's1']) {
      await eventually(() => expect(pane(id).getByRole('button', { name: 'Raise hand' })).toBeTruthy());
      await user.click(pane(id).getByRole('button', { name: 'Raise hand' }));
    }
    await eventually(() => expect(teacher.getAllByRole('listitem')).toHaveLength(2));
    await eventually(() => expect(pane('s1').getByText('Your hand is up: number 2 in line.')).toBeTruthy());

    await user.click(pane('s2').getByRole('button', { name: 'Lower hand' }));
    await eventually(() => expect(pane('s2').getByText('You lowered your hand.')).toBeTruthy());
    await eventually(() => expect(teacher.getAllByRole('listitem').map((li) => li.textContent)).toEqual([expect.stringMatching(/^1\.Ss1/)]));
    await eventually(() => expect(pane('s1').getByText('Your hand is up: number 1 in line.')).toBeTruthy());
    // The marker was cancelled at once: nothing rings for the teacher.
    const teacherClient = clients[0]!;
    await eventually(() => expect(teacherClient.getInvitations().filter((i) => i.state === 'active' && i.inviter === 's2')).toEqual([]));
    expect(pane('s2').queryByRole('button', { name: 'Raise hand' })).toBeNull();
    // The engine delivered the marker to the teacher, yet the dialog neither rang nor announced it.
    await eventually(() => expect(rung).toEqual([expect.stringContaining('lowerHand')]));
    expect(teacher.queryByRole('alertdialog')).toBeNull();
    expect(teacher.getAllByRole('status').map((s) => s.textContent)).toEqual(['1 of 4 raised a hand', '']);
  });

  it('speaks Chinese, takes label overrides, and the view prop forces the student side', async () => {
    const clients = await classroom();
    const teacher = clients[0]!;
    const { container } = render(
      <RingkitLabelsProvider locale="zh">
        <RingkitProvider client={teacher}>
          <RaiseHandPanel groupID="class" labels={{ ask: '大家举手' }} />
          <RaiseHandPanel groupID="class" view="student" className="mine" aria-label="学生视图" />
        </RingkitProvider>
      </RingkitLabelsProvider>,
    );
    expect(screen.getByRole('button', { name: '大家举手' })).toBeTruthy();
    expect(screen.getByRole('textbox', { name: '问题（可选）' })).toBeTruthy();
    const student = screen.getByRole('group', { name: '学生视图' });
    expect(student.className).toBe('rk-root rk-raise-hand-panel mine');
    expect(within(student).getByText('等待老师提问。')).toBeTruthy();
    await act(() => screen.getByRole('button', { name: '大家举手' }).click());
    await eventually(() => expect(screen.getAllByRole('status')[0]!.textContent).toBe('4 人中 0 人举手'));
    await expectAccessible(container);
  });
});
