import { randomUUID } from 'node:crypto';
import { afterEach, describe, expect, inject, it, vi } from 'vitest';
import { createEngine } from '../../src/engine/createEngine.js';
import { createMemoryGroupDirectory } from '../../src/engine/memory/createMemoryGroupDirectory.js';
import { createMemoryStorage } from '../../src/engine/memory/createMemoryStorage.js';
import type { Session } from '../../src/engine/Session.js';
import type { RingkitStorage } from '../../src/engine/storage.js';
import type { CommandAck, CommandName, CommandParams } from '../../src/protocol/commands.js';
import { createRedisStorage } from '../../src/server/redis/createRedisStorage.js';

const closers: (() => Promise<void>)[] = [];
afterEach(async () => {
  for (const close of closers.splice(0)) await close();
});

/** Two nodes on one storage backend: the first dies whenever it tries to store a request outcome on its own. */
const backends: [string, () => Promise<[RingkitStorage, RingkitStorage]>][] = [
  ['memory', async () => {
    const storage = createMemoryStorage();
    return [storage, storage];
  }],
  ['redis', async () => {
    const keyPrefix = `test:${randomUUID()}:`;
    const url = inject('redisUrl');
    const nodes = [await createRedisStorage({ url, keyPrefix }), await createRedisStorage({ url, keyPrefix })] as const;
    closers.push(async () => void (await Promise.all(nodes.map((n) => n.close()))));
    return [...nodes];
  }],
];

describe.each(backends)('a requestID outcome is stored in the same atomic step as the change (%s)', (_, open) => {
  it('the node dies right after committing bob\'s accept: his retry on another node gets the first result, not INVALID_STATE', async () => {
    const [first, second] = await open();
    const groups = createMemoryGroupDirectory();
    // "Dies": the outcome write after the commit never completes, and neither does the answer.
    const dying: RingkitStorage = { ...first, putRequestOutcome: () => new Promise<boolean>(() => {}) };
    const nodeA = createEngine({ storage: dying, groups, deliver: () => {}, coalesceWindowMs: 0 });
    const nodeB = createEngine({ storage: second, groups, deliver: () => {}, coalesceWindowMs: 0 });
    const alice: Session = { userID: 'alice', deviceID: 'phone', connectionID: 'a1' };
    const bob: Session = { userID: 'bob', deviceID: 'phone', connectionID: 'b1' };
    const run = <N extends CommandName>(node: typeof nodeA, session: Session, name: N, params: CommandParams<N>) =>
      new Promise<CommandAck<N>>((resolve) => void node.execute(session, name, params, resolve));

    const invited = await run(nodeB, alice, 'invitation:invite', { invitees: ['bob'] });
    if (!invited.ok) throw new Error(invited.error.message);
    const { inviteID } = invited.result;

    const answers: CommandAck<'invitation:accept'>[] = [];
    void nodeA.execute(bob, 'invitation:accept', { inviteID, requestID: 'accept-1' }, (ack) => answers.push(ack));
    await vi.waitFor(async () => expect((await second.getInvitation(inviteID))?.users[0]?.state).toBe('accepted'));
    const accepted = (await second.getInvitation(inviteID))!;

    const retry = await run(nodeB, { ...bob, connectionID: 'b2' }, 'invitation:accept', { inviteID, requestID: 'accept-1' });
    // The answer of the last change of a small invitation is the whole invitation as committed
    // (ChangeAck without baseVersion; a class's answers are deltas); marked as a replay (the
    // client then fetches what changed since).
    expect(retry).toEqual({ ok: true, result: { invitation: accepted }, replayed: true });
    // A different requestID is a new request, refused by the state as before.
    const fresh = await run(nodeB, bob, 'invitation:accept', { inviteID, requestID: 'accept-2' });
    expect(fresh).toMatchObject({ ok: false, error: { code: 'INVALID_STATE' } });
    // Had node A survived, it would have answered the same (as a first answer, not a replay).
    expect(answers.every((a) => JSON.stringify({ ...a, replayed: true }) === JSON.stringify(retry))).toBe(true);
  });
});
