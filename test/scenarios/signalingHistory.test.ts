import { describe, expect, it } from 'vitest';
import type { RingkitError, SignalingMessage } from '../../src/index.js';
import { connectClient, startServer, type TestClient } from '../support/harness.js';

const codeOf = async (p: Promise<unknown>) => (await p.then(() => 'resolved', (e: RingkitError) => e.code)) as string;

/** Reads a whole conversation page by page. */
async function readAll(client: TestClient, conversation: { type: 'c2c'; userID: string } | { type: 'group'; groupID: string }, count: number) {
  const pages: SignalingMessage[][] = [];
  let cursor = 0;
  for (let i = 0; i < 50; i++) {
    const page = await client.getHistory({ conversation, count, cursor });
    pages.push(page.messages);
    if (page.cursor === 0) return pages;
    cursor = page.cursor;
  }
  throw new Error('history never ended');
}

describe('signaling history: the call log of a conversation', () => {
  it('alice and bob see the same one-to-one log, newest first, page by page', async () => {
    const server = await startServer();
    const alice = await connectClient(server, 'alice');
    const bob = await connectClient(server, 'bob');

    const first = await alice.invite('bob', { timeout: 30, data: 'call 1' });
    await bob.accept(first.inviteID, { data: 'yes' });
    const second = await alice.invite('bob', { timeout: 30, data: 'call 2' });
    await alice.cancel(second.inviteID, { data: 'oops' });
    const third = await alice.invite('bob', { timeout: 30, data: 'call 3' });
    await bob.reject(third.inviteID, { data: 'busy' });
    const fourth = await alice.invite('bob', { timeout: 30, data: 'call 4' });
    await alice.modify(fourth.inviteID, 'call 4, now with video');

    const { messages, cursor } = await alice.getHistory({ conversation: { type: 'c2c', userID: 'bob' }, count: 100 });
    expect(cursor).toBe(0);
    expect(messages.map((m) => [m.signaling.actionType, m.signaling.inviteID, m.sender, m.signaling.data])).toEqual([
      ['modify', fourth.inviteID, 'alice', 'call 4, now with video'],
      ['invite', fourth.inviteID, 'alice', 'call 4'],
      ['reject', third.inviteID, 'bob', 'busy'],
      ['invite', third.inviteID, 'alice', 'call 3'],
      ['cancel', second.inviteID, 'alice', 'oops'],
      ['invite', second.inviteID, 'alice', 'call 2'],
      ['accept', first.inviteID, 'bob', 'yes'],
      ['invite', first.inviteID, 'alice', 'call 1'],
    ]);
    for (const m of messages) {
      expect(m.conversation).toEqual({ type: 'c2c', userID: 'bob' });
      expect(m.signaling).toMatchObject({ inviter: 'alice', inviteeList: ['bob'], timeout: 30 });
      expect(typeof m.messageID).toBe('string');
    }
    const times = messages.map((m) => m.time);
    expect([...times].sort((a, b) => b - a)).toEqual(times);
    expect(new Set(messages.map((m) => m.messageID)).size).toBe(messages.length);

    // Bob sees the same log, with the conversation named after alice.
    const bobs = await bob.getHistory({ conversation: { type: 'c2c', userID: 'alice' }, count: 100 });
    expect(bobs.messages.map((m) => m.messageID)).toEqual(messages.map((m) => m.messageID));
    expect(bobs.messages.every((m) => m.conversation.type === 'c2c' && m.conversation.userID === 'alice')).toBe(true);

    // Pages of 3: 3 + 3 + 2, in the same order, the last one with cursor 0.
    const pages = await readAll(alice, { type: 'c2c', userID: 'bob' }, 3);
    expect(pages.map((p) => p.length)).toEqual([3, 3, 2]);
    expect(pages.flat().map((m) => m.messageID)).toEqual(messages.map((m) => m.messageID));
  });

  it('a call to two people is logged in each one-to-one conversation; a third person sees none of it', async () => {
    const server = await startServer();
    const alice = await connectClient(server, 'alice');
    const bob = await connectClient(server, 'bob');
    const carol = await connectClient(server, 'carol');
    const dave = await connectClient(server, 'dave');

    const { inviteID } = await alice.invite(['bob', 'carol'], { timeout: 30 });
    await carol.accept(inviteID, { data: 'me' });

    const withBob = await alice.getHistory({ conversation: { type: 'c2c', userID: 'bob' } });
    expect(withBob.messages.map((m) => m.signaling.actionType)).toEqual(['invite']);
    const withCarol = await alice.getHistory({ conversation: { type: 'c2c', userID: 'carol' } });
    expect(withCarol.messages.map((m) => m.signaling.actionType)).toEqual(['accept', 'invite']);
    expect(withCarol.messages[1]?.signaling.inviteeList.sort()).toEqual(['bob', 'carol']);
    expect((await bob.getHistory({ conversation: { type: 'c2c', userID: 'carol' } })).messages).toEqual([]);
    expect((await dave.getHistory({ conversation: { type: 'c2c', userID: 'alice' } })).messages).toEqual([]);
  });

  it('a timeout leaves a timeout message the app can render as a missed call', async () => {
    const server = await startServer();
    const alice = await connectClient(server, 'alice');
    const bob = await connectClient(server, 'bob');
    const { inviteID } = await alice.invite('bob', { timeout: 1 });
    await bob.next('invitationTimeout', (e) => e.inviteID === inviteID);

    const { messages } = await bob.getHistory({ conversation: { type: 'c2c', userID: 'alice' } });
    expect(messages.map((m) => m.signaling.actionType)).toEqual(['timeout', 'invite']);
    expect(bob.getSignalingInfo(messages[0])).toMatchObject({ inviteID, actionType: 'timeout', inviteeList: ['bob'], inviter: 'alice' });
  });

  it('a group invitation is logged once in the group conversation, for every member to read', async () => {
    const server = await startServer();
    await server.groups.createGroup('class', ['teacher', 's1', 's2', 'observer']);
    const teacher = await connectClient(server, 'teacher');
    const s1 = await connectClient(server, 's1');
    const observer = await connectClient(server, 'observer');
    const outsider = await connectClient(server, 'outsider');

    const { inviteID } = await teacher.inviteInGroup('class', ['s1', 's2'], { timeout: 30, data: 'quiz' });
    await s1.accept(inviteID, { data: 'hand' });
    await teacher.cancel(inviteID, { data: 'done' });

    const { messages, cursor } = await observer.getHistory({ conversation: { type: 'group', groupID: 'class' }, count: 10 });
    expect(cursor).toBe(0);
    expect(messages.map((m) => [m.signaling.actionType, m.sender])).toEqual([
      ['cancel', 'teacher'],
      ['accept', 's1'],
      ['invite', 'teacher'],
    ]);
    for (const m of messages) {
      expect(m.conversation).toEqual({ type: 'group', groupID: 'class' });
      expect(m.signaling).toMatchObject({ inviteID, groupID: 'class', inviter: 'teacher' });
    }
    // Not duplicated into one-to-one conversations.
    expect((await teacher.getHistory({ conversation: { type: 'c2c', userID: 's1' } })).messages).toEqual([]);
    // Paging works for groups too.
    const pages = await readAll(s1, { type: 'group', groupID: 'class' }, 2);
    expect(pages.map((p) => p.length)).toEqual([2, 1]);
    // A non-member may not read the group's log.
    expect(await codeOf(outsider.getHistory({ conversation: { type: 'group', groupID: 'class' } }))).toBe('NOT_GROUP_MEMBER');
  });

  it('getSignalingInfo reads a history message and says null for anything else', async () => {
    const server = await startServer();
    const alice = await connectClient(server, 'alice');
    const bob = await connectClient(server, 'bob');
    const { inviteID } = await alice.invite('bob', { timeout: 45, data: '{"kind":"video"}' });
    const { messages } = await bob.getHistory({ conversation: { type: 'c2c', userID: 'alice' } });

    expect(bob.getSignalingInfo(messages[0])).toEqual({
      inviteID,
      inviter: 'alice',
      inviteeList: ['bob'],
      data: '{"kind":"video"}',
      timeout: 45,
      actionType: 'invite',
    });
    // A message that went through JSON (e.g. stored by the app) still parses.
    expect(bob.getSignalingInfo(JSON.parse(JSON.stringify(messages[0])))).toEqual(messages[0]?.signaling);

    const junk: unknown[] = [
      {},
      null,
      undefined,
      'invite',
      42,
      [],
      { signaling: null },
      { signaling: { actionType: 'nope' } },
      { signaling: { ...messages[0]!.signaling, actionType: 'nope' } },
      { signaling: { ...messages[0]!.signaling, inviteeList: 'bob' } },
      { signaling: { ...messages[0]!.signaling, timeout: '45' } },
      { text: 'hello, a normal chat message' },
    ];
    for (const message of junk) expect(bob.getSignalingInfo(message), JSON.stringify(message) ?? String(message)).toBeNull();
  });

  it('history pages are capped at 100 messages', async () => {
    const server = await startServer({ limits: { requestsPerSecond: 10_000 } });
    const alice = await connectClient(server, 'alice');
    await connectClient(server, 'bob');
    for (let i = 0; i < 105; i++) await alice.invite('bob', { timeout: 30 });
    const page = await alice.getHistory({ conversation: { type: 'c2c', userID: 'bob' }, count: 500 });
    expect(page.messages).toHaveLength(100);
    expect(page.cursor).not.toBe(0);
    const rest = await alice.getHistory({ conversation: { type: 'c2c', userID: 'bob' }, count: 500, cursor: page.cursor });
    expect(rest.messages).toHaveLength(5);
    expect(rest.cursor).toBe(0);
  });
});
