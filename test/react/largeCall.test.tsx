import { Profiler } from 'react';
import { describe, expect, it } from 'vitest';
import { useCallUser, useCallUsers } from '../../src/react/index.js';
import { connectClient, eventually, renderAs, startServer } from './support/ringkit.js';

const STUDENTS = Array.from({ length: 500 }, (_, i) => `s${String(i + 1).padStart(3, '0')}`);

describe('a 500-user invitation', () => {
  it('re-renders a reader of one user only when that user changes, and the user list not for other invitations', async () => {
    const server = await startServer();
    await server.groups.createGroup('big', ['teacher', ...STUDENTS]);
    const teacher = await connectClient(server, 'teacher');
    const [first, second] = await Promise.all(['s001', 's002'].map((id) => connectClient(server, id)));
    const alice = await connectClient(server, 'alice');
    const { inviteID } = await teacher.inviteInGroup('big', STUDENTS, { timeout: 300 });

    const renders = { one: 0, all: 0 };
    let counts: ReturnType<typeof useCallUsers>['counts'] | undefined;
    function One() {
      const user = useCallUser(inviteID, 's001');
      return <span data-testid="one">{user?.state}</span>;
    }
    function All() {
      const result = useCallUsers(inviteID);
      counts = result.counts;
      return <span>{result.users.length}</span>;
    }
    const view = renderAs(
      teacher,
      <>
        <Profiler id="one" onRender={() => renders.one++}>
          <One />
        </Profiler>
        <Profiler id="all" onRender={() => renders.all++}>
          <All />
        </Profiler>
      </>,
    );
    await eventually(() => expect(counts).toMatchObject({ received: 2, inviting: 498 }));
    expect(view.getByTestId('one').textContent).toBe('received');

    // Another user of the same invitation changes: the reader of s001 does not render.
    const oneBefore = renders.one;
    await second!.accept(inviteID);
    await eventually(() => expect(counts).toMatchObject({ received: 1, accepted: 1 }));
    expect(renders.one).toBe(oneBefore);

    // An unrelated invitation comes and changes: neither renders.
    const allBefore = renders.all;
    const other = await alice.invite('teacher', { timeout: 300 });
    await alice.modify(other.inviteID, 'changed');
    await eventually(() => expect(teacher.getInvitation(other.inviteID)?.data).toBe('changed'));
    await eventually(() => expect(teacher.events.filter((e) => e.name === 'invitationModified')).toHaveLength(1));
    expect(renders.one).toBe(oneBefore);
    expect(renders.all).toBe(allBefore);

    // s001 changes: now it renders.
    await first!.accept(inviteID);
    await eventually(() => expect(view.getByTestId('one').textContent).toBe('accepted'));
    expect(renders.one).toBeGreaterThan(oneBefore);
  });
});
