import { describe, expect, inject, it } from 'vitest';
import type { RingkitServer } from '../../src/server/index.js';
import { startCluster } from '../support/cluster.js';
import { connectClient, startServer, until, type TestClient } from '../support/harness.js';

/** Two entry points to one deployment: one server twice, or two nodes over Redis. */
const worlds: [string, () => Promise<[RingkitServer, RingkitServer]>][] = [
  ['memory', async () => {
    const server = await startServer();
    return [server, server];
  }],
  ['redis, two nodes', async () => {
    const { nodes } = await startCluster(inject('redisUrl'), 2);
    return [nodes[0]!, nodes[1]!];
  }],
];

const STUDENTS = Array.from({ length: 120 }, (_, i) => `s${String(i).padStart(3, '0')}`);

describe.each(worlds)('a class’s bursts, merged into fewer updates, still show every change exactly once and in order (%s)', (_, start) => {
  it('120 students acknowledge and answer in bursts while earlier updates are still being written: every mirror sees each answer once, versions only grow, and all end equal', async () => {
    const [n1, n2] = await start();
    await n1.groups.createGroup('class', ['teacher', 'observer', ...STUDENTS]);
    const teacher = await connectClient(n1, 'teacher');
    const observer = await connectClient(n2, 'observer');
    const students: TestClient[] = [];
    for (let i = 0; i < STUDENTS.length; i += 30) {
      students.push(...(await Promise.all(STUDENTS.slice(i, i + 30).map((id, j) => connectClient((i + j) % 2 ? n2 : n1, id)))));
    }
    const versions = new Map<TestClient, number[]>();
    for (const c of [teacher, observer, ...students]) {
      const seen: number[] = [];
      versions.set(c, seen);
      c.on('invitationUpdated', (e) => seen.push(e.version));
    }

    const { inviteID } = await teacher.inviteInGroup('class', STUDENTS, { timeout: 60 });
    // Answers in bursts from both nodes, while receipts still arrive: a third reject, the rest accept.
    for (let i = 0; i < students.length; i += 40) {
      await Promise.all(students.slice(i, i + 40).map((s, j) => s.next('invitationReceived', (e) => e.inviteID === inviteID).then(() => ((i + j) % 3 === 0 ? s.reject(inviteID) : s.accept(inviteID)))));
    }
    const everyone = [teacher, observer, ...students];
    await until(() => everyone.every((c) => c.getInvitation(inviteID)?.state === 'ended'), 20_000, 'every mirror sees the round end');

    const rejecters = STUDENTS.filter((_, i) => i % 3 === 0).sort();
    const accepters = STUDENTS.filter((_, i) => i % 3 !== 0).sort();
    const reference = teacher.getInvitation(inviteID)!;
    for (const c of everyone) {
      expect(c.getInvitation(inviteID)).toEqual(reference);
      const seen = versions.get(c)!;
      expect(seen.every((v, i) => i === 0 || v > seen[i - 1]!)).toBe(true);
    }
    // The granular events, derived from merged updates, name each answer exactly once.
    for (const c of [teacher, observer]) {
      const accepted = c.seen('inviteeAccepted').filter((e) => e.inviteID === inviteID).map((e) => e.invitee);
      const rejected = c.seen('inviteeRejected').filter((e) => e.inviteID === inviteID).map((e) => e.invitee);
      expect(accepted.sort()).toEqual(accepters);
      expect(rejected.sort()).toEqual(rejecters);
      const changes = c.seen('callUserStateChanged').filter((e) => e.inviteID === inviteID).flatMap((e) => e.callUserList.map((u) => `${u.userID}:${u.state}`));
      expect(new Set(changes).size).toBe(changes.length);
      for (const id of accepters) expect(changes).toContain(`${id}:accepted`);
    }
    // Fewer updates than changes reached the observer (merged), yet none was missed.
    expect(versions.get(observer)!.length).toBeLessThan(STUDENTS.length * 2);
  }, 60_000);
});
