import { describe, expect, it } from 'vitest';
import { connectClient, type TestClient } from '../support/harness.js';
import { type CallServer, outcome, startCallServer, userIn } from './callSupport.js';

/**
 * docs/protocol.md section 4, advanced mode: who may call what, in every user state.
 *
 * Where the protocol leaves the error open, the project's rule is: users who are not listed and
 * cannot see the call → INVITATION_NOT_FOUND; listed users in the wrong state → INVALID_STATE;
 * the wrong role for an inviter-only (cancel) or invitee-only (accept, reject) operation →
 * NO_PERMISSION; callingInvite/quit/end by a group member who is not listed → NO_PERMISSION.
 */

type Subject =
  | 'inviter (accepted)'
  | 'pending invitee'
  | 'accepted invitee'
  | 'rejected invitee'
  | 'timed-out invitee'
  | 'quit invitee'
  | 'cancelled invitee'
  | 'group member not listed'
  | 'stranger';
type Operation = 'accept' | 'reject' | 'callingInvite' | 'join' | 'quit' | 'end' | 'cancel';
type Expected = 'ok' | 'NO_PERMISSION' | 'INVALID_STATE' | 'INVITATION_NOT_FOUND' | 'ALREADY_PRIMARY_DEVICE';

const OPERATIONS: Operation[] = ['accept', 'reject', 'callingInvite', 'join', 'quit', 'end', 'cancel'];

/** A listed invitee who has left the ringing phase for good (rejected, timeout, quit, cancelled). */
const terminal: Record<Operation, Expected> = {
  accept: 'INVALID_STATE',
  reject: 'INVALID_STATE',
  callingInvite: 'INVALID_STATE',
  join: 'ok',
  quit: 'INVALID_STATE',
  end: 'INVALID_STATE',
  cancel: 'NO_PERMISSION',
};

const MATRIX: Record<Subject, Record<Operation, Expected>> = {
  'inviter (accepted)': {
    accept: 'NO_PERMISSION',
    reject: 'NO_PERMISSION',
    callingInvite: 'ok',
    join: 'ALREADY_PRIMARY_DEVICE',
    quit: 'ok',
    end: 'ok',
    cancel: 'ok',
  },
  'pending invitee': {
    accept: 'ok',
    reject: 'ok',
    callingInvite: 'INVALID_STATE',
    join: 'ok',
    quit: 'INVALID_STATE',
    end: 'INVALID_STATE',
    cancel: 'NO_PERMISSION',
  },
  'accepted invitee': {
    accept: 'INVALID_STATE',
    reject: 'INVALID_STATE',
    callingInvite: 'ok',
    join: 'ALREADY_PRIMARY_DEVICE',
    quit: 'ok',
    end: 'ok',
    cancel: 'NO_PERMISSION',
  },
  'rejected invitee': terminal,
  'timed-out invitee': terminal,
  'quit invitee': terminal,
  'cancelled invitee': terminal,
  'group member not listed': {
    accept: 'NO_PERMISSION',
    reject: 'NO_PERMISSION',
    callingInvite: 'NO_PERMISSION',
    join: 'ok',
    quit: 'NO_PERMISSION',
    end: 'NO_PERMISSION',
    cancel: 'NO_PERMISSION',
  },
  stranger: {
    accept: 'INVITATION_NOT_FOUND',
    reject: 'INVITATION_NOT_FOUND',
    callingInvite: 'INVITATION_NOT_FOUND',
    join: 'INVITATION_NOT_FOUND',
    quit: 'INVITATION_NOT_FOUND',
    end: 'INVITATION_NOT_FOUND',
    cancel: 'INVITATION_NOT_FOUND',
  },
};

interface Situation {
  server: CallServer;
  inviteID: string;
  actor: TestClient;
}

/**
 * A fresh advanced call from alice to bob (gina is in alice's group, sam is nobody), with the
 * subject brought into its state. Alice, accepted from the start, keeps the call active.
 */
async function arrange(subject: Subject): Promise<Situation> {
  const server = await startCallServer({ maxCallUsers: 10 });
  await server.groups.createGroup('team', ['alice', 'bob', 'gina']);
  const alice = await connectClient(server, 'alice', { deviceID: 'alice-phone' });
  const bob = await connectClient(server, 'bob', { deviceID: 'bob-phone' });

  const timeout = subject === 'timed-out invitee' ? 1 : 30;
  const { inviteID } =
    subject === 'group member not listed'
      ? await alice.inviteInGroup('team', ['bob'], { mode: 'advanced', timeout })
      : await alice.invite('bob', { mode: 'advanced', timeout });
  await server.untilState(inviteID, 'bob', 'received');

  switch (subject) {
    case 'accepted invitee':
      await bob.accept(inviteID);
      break;
    case 'rejected invitee':
      await bob.reject(inviteID);
      break;
    case 'timed-out invitee':
      await server.untilState(inviteID, 'bob', 'timeout');
      break;
    case 'quit invitee':
      await bob.accept(inviteID);
      await bob.quit(inviteID);
      break;
    case 'cancelled invitee':
      await alice.cancel(inviteID, { invitees: ['bob'] });
      break;
    default:
      break;
  }
  const actor =
    subject === 'inviter (accepted)'
      ? alice
      : subject === 'group member not listed'
        ? await connectClient(server, 'gina', { deviceID: 'gina-phone' })
        : subject === 'stranger'
          ? await connectClient(server, 'sam', { deviceID: 'sam-phone' })
          : bob;
  return { server, inviteID, actor };
}

function perform(op: Operation, { actor, inviteID }: Situation): Promise<unknown> {
  switch (op) {
    case 'accept':
      return actor.accept(inviteID, { data: 'a' });
    case 'reject':
      return actor.reject(inviteID, { data: 'r' });
    case 'callingInvite':
      return actor.callingInvite(inviteID, ['dave']);
    case 'join':
      return actor.join(inviteID, { data: 'j' });
    case 'quit':
      return actor.quit(inviteID, { data: 'q' });
    case 'end':
      return actor.end(inviteID, { data: 'e' });
    case 'cancel':
      return actor.cancel(inviteID, { data: 'c' });
  }
}

/** What a successful operation must have done on the server. */
async function expectEffect(op: Operation, { server, inviteID, actor }: Situation): Promise<void> {
  const inv = await server.snapshot(inviteID);
  const self = userIn(inv, actor.userID);
  switch (op) {
    case 'accept':
      return void expect(self).toMatchObject({ state: 'accepted', data: 'a', deviceID: actor.deviceID });
    case 'reject':
      return void expect(self).toMatchObject({ state: 'rejected', data: 'r' });
    case 'callingInvite':
      return void expect(userIn(inv, 'dave')?.state).toBe('inviting');
    case 'join':
      return void expect(self).toMatchObject({ state: 'accepted', data: 'j', deviceID: actor.deviceID });
    case 'quit':
      return void expect(self).toMatchObject({ state: 'quit', data: 'q' });
    case 'end':
      return void expect(inv).toMatchObject({ state: 'ended', endReason: 'ended' });
    case 'cancel':
      return void expect(userIn(inv, 'bob')?.state).toBe('cancelled');
  }
}

const cases = (Object.keys(MATRIX) as Subject[]).flatMap((subject) =>
  OPERATIONS.map((op) => ({ subject, op, expected: MATRIX[subject][op] })),
);

describe('advanced call permission matrix (user state × operation)', () => {
  it.each(cases)('$subject: $op → $expected', async ({ subject, op, expected }) => {
    const situation = await arrange(subject);
    const before = await situation.server.snapshot(situation.inviteID);

    expect(await outcome(perform(op, situation))).toBe(expected);

    if (expected === 'ok') await expectEffect(op, situation);
    else expect((await situation.server.snapshot(situation.inviteID)).version, 'a refused operation changes nothing').toBe(before.version);
  });
});

describe('normal-mode invitations refuse the advanced-only operations', () => {
  const normalCases = (['inviter', 'pending invitee', 'accepted invitee'] as const).flatMap((who) =>
    (['callingInvite', 'join', 'quit', 'end'] as const).map((op) => ({ who, op })),
  );

  it.each(normalCases)('$who: $op → INVALID_STATE', async ({ who, op }) => {
    const server = await startCallServer();
    const alice = await connectClient(server, 'alice');
    const bob = await connectClient(server, 'bob');
    // carol stays pending, so the invitation is still active after bob accepts
    const { inviteID, invitation } = await alice.invite(['bob', 'carol'], { timeout: 30 });
    expect(invitation.mode).toBe('normal');
    await server.untilState(inviteID, 'bob', 'received');
    if (who === 'accepted invitee') await bob.accept(inviteID);
    const before = await server.snapshot(inviteID);
    expect(before.state).toBe('active');

    const actor = who === 'inviter' ? alice : bob;
    expect(await outcome(perform(op, { server, inviteID, actor }))).toBe('INVALID_STATE');
    expect((await server.snapshot(inviteID)).version).toBe(before.version);
  });

  it('a stranger gets INVITATION_NOT_FOUND, not a hint that the call exists', async () => {
    const server = await startCallServer();
    const alice = await connectClient(server, 'alice');
    const sam = await connectClient(server, 'sam');
    const { inviteID } = await alice.invite('bob', { timeout: 30 });
    for (const op of ['callingInvite', 'join', 'quit', 'end'] as const) {
      expect(await outcome(perform(op, { server, inviteID, actor: sam })), op).toBe('INVITATION_NOT_FOUND');
    }
  });
});
