import { describe, expect, inject, it } from 'vitest';
import type { Invitation } from '../../src/protocol/types.js';
import type { RingkitLimits } from '../../src/protocol/limits.js';
import { createMemoryStorage, type RingkitServer } from '../../src/server/index.js';
import { selectRingingInvitations } from '../../src/store/selectors/selectRingingInvitations.js';
import { createRingkitStore, type RingkitStore } from '../../src/store/index.js';
import { startCluster } from '../support/cluster.js';
import { connectClient, dropConnections, startServer, until, type TestClient } from '../support/harness.js';

/**
 * Contract audit (docs/protocol.md section 5, "who gets which event, exactly once, in order, on
 * every device, the acting device included") of the 1v1 shortcuts: an answer given as it rings
 * stands in for the receipt, the acting device gets its change whole in its answer and no echo,
 * receipts travel without an acknowledgement. Every case runs on one server and on two nodes over
 * Redis, with each user's devices spread over both nodes.
 */
interface World {
  nodes: [RingkitServer, RingkitServer];
  /** The server's truth. */
  snapshot(inviteID: string): Promise<Invitation | undefined>;
}

const worlds: [string, (limits?: Partial<RingkitLimits>) => Promise<World>][] = [
  ['one server, memory', async (limits) => {
    const storage = createMemoryStorage();
    const server = await startServer({ storage, ...(limits && { limits }) });
    return { nodes: [server, server], snapshot: (id) => storage.getInvitation(id) };
  }],
  ['two nodes over Redis', async (limits) => {
    const cluster = await startCluster(inject('redisUrl'), 2, { ...(limits && { limits }) });
    return { nodes: [cluster.nodes[0]!, cluster.nodes[1]!], snapshot: (id) => cluster.storage.getInvitation(id) };
  }],
];

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));
const of = <E extends { inviteID: string }>(events: E[], inviteID: string) => events.filter((e) => e.inviteID === inviteID);

/** The user states one device's app was told, in order (`callUserStateChanged`), as `user:state`. */
const toldStates = (c: TestClient, inviteID: string) => of(c.seen('callUserStateChanged'), inviteID).flatMap((e) => e.callUserList.map((u) => `${u.userID}:${u.state}`));

/**
 * What every device must show once things settle: its mirror equals the server's snapshot; the
 * versions it was told only grow; no user state was told twice; and folding the states it was
 * told gives the final state of every user (so no change, its own included, went untold).
 */
async function expectSettled(world: World, devices: TestClient[], inviteID: string): Promise<Invitation> {
  const truth = await world.snapshot(inviteID);
  expect(truth).toBeDefined();
  await until(() => devices.every((c) => c.getInvitation(inviteID)?.version === truth!.version), 10_000, `every mirror at v${truth!.version}`);
  await sleep(300); // anything sent twice would arrive now
  for (const c of devices) {
    const who = `${c.userID}/${c.deviceID}`;
    expect(c.getInvitation(inviteID), who).toStrictEqual(truth);
    const versions = of(c.seen('invitationUpdated'), inviteID).map((e) => e.version);
    expect(versions.every((v, i) => i === 0 || v > versions[i - 1]!), `${who} versions ${versions.join()}`).toBe(true);
    expect(versions.at(-1), who).toBe(truth!.version);
    const told = toldStates(c, inviteID);
    // Each (user, state, device) is told once (a device switch tells `accepted` again, from the new device).
    const keyed = of(c.seen('callUserStateChanged'), inviteID).flatMap((e) => e.callUserList.map((u) => `${u.userID}:${u.state}@${u.deviceID ?? ''}`));
    expect(new Set(keyed).size, `${who} told ${keyed.join()}`).toBe(keyed.length);
    const folded = new Map<string, string>();
    for (const entry of told) folded.set(entry.slice(0, entry.lastIndexOf(':')), entry.slice(entry.lastIndexOf(':') + 1));
    expect(Object.fromEntries(folded), `${who} told ${told.join()}`).toEqual(Object.fromEntries(truth!.users.map((u) => [u.userID, u.state])));
  }
  return truth!;
}

/** alice (phone on node 1, laptop on node 2) and bob (phone on node 2, laptop on node 1). */
async function fourDevices(world: World) {
  const [n1, n2] = world.nodes;
  const alice = await connectClient(n1, 'alice', { deviceID: 'phone' });
  const aliceLaptop = await connectClient(n2, 'alice', { deviceID: 'laptop' });
  const bob = await connectClient(n2, 'bob', { deviceID: 'phone' });
  const bobLaptop = await connectClient(n1, 'bob', { deviceID: 'laptop' });
  return { alice, aliceLaptop, bob, bobLaptop, all: [alice, aliceLaptop, bob, bobLaptop] };
}

describe.each(worlds)('contract audit: every device, the acting one included, is told every change exactly once (%s)', (_, start) => {
  it('bob accepts later on his phone: each of the four devices hears the ring/creation once, bob received once, bob accepted once (inviteeAccepted once, deviceID phone)', async () => {
    const world = await start();
    const { alice, aliceLaptop, bob, bobLaptop, all } = await fourDevices(world);
    const { inviteID } = await alice.invite('bob', { data: 'call?' });
    for (const c of all) await until(() => c.getInvitation(inviteID)?.users[0]?.state === 'received', 5000, `${c.userID}/${c.deviceID} sees bob received`);
    await bob.accept(inviteID, { data: 'yes' });
    const truth = await expectSettled(world, all, inviteID);

    expect(truth.users[0]).toMatchObject({ userID: 'bob', state: 'accepted', deviceID: 'phone', data: 'yes' });
    for (const c of all) {
      const who = `${c.userID}/${c.deviceID}`;
      expect(toldStates(c, inviteID), who).toEqual(['bob:inviting', 'bob:received', 'bob:accepted']);
      const accepted = of(c.seen('inviteeAccepted'), inviteID);
      expect(accepted, who).toHaveLength(1);
      expect(accepted[0], who).toMatchObject({ invitee: 'bob', deviceID: 'phone', data: 'yes' });
    }
    expect(of(alice.seen('invitationCreated'), inviteID)).toHaveLength(0);
    expect(of(aliceLaptop.seen('invitationCreated'), inviteID)).toHaveLength(1);
    for (const c of [bob, bobLaptop]) expect(of(c.seen('invitationReceived'), inviteID)).toHaveLength(1);
    for (const c of [alice, aliceLaptop]) expect(of(c.seen('invitationReceived'), inviteID)).toHaveLength(0);
  }, 30_000);

  it.each(['accept', 'reject'] as const)('bob answers (%s) inside his phone’s invitationReceived handler: the phone itself, his laptop and both of alice’s devices are each told the answer once', async (answer) => {
    const world = await start();
    const { alice, aliceLaptop, bob, bobLaptop, all } = await fourDevices(world);
    const answers: Promise<unknown>[] = [];
    bob.on('invitationReceived', (e) => void answers.push(bob[answer](e.inviteID, { data: 'auto' })));
    const { inviteID } = await alice.invite('bob');
    await until(() => answers.length === 1, 5000, 'bob answers as it rings');
    await answers[0];
    const truth = await expectSettled(world, all, inviteID);

    const state = answer === 'accept' ? 'accepted' : 'rejected';
    const event = answer === 'accept' ? 'inviteeAccepted' : 'inviteeRejected';
    expect(truth.users[0]).toMatchObject({ userID: 'bob', state, deviceID: 'phone', data: 'auto' });
    expect(truth.state).toBe('ended');
    for (const c of all) {
      const who = `${c.userID}/${c.deviceID}`;
      const told = toldStates(c, inviteID);
      expect(told[0], who).toBe('bob:inviting');
      expect(told.at(-1), who).toBe(`bob:${state}`);
      expect(told.filter((t) => t === `bob:${state}`), who).toHaveLength(1);
      const answered = of(c.seen(event), inviteID);
      expect(answered, who).toHaveLength(1);
      expect(answered[0], who).toMatchObject({ invitee: 'bob', deviceID: 'phone', data: 'auto' });
    }
    for (const c of [bob, bobLaptop]) expect(of(c.seen('invitationReceived'), inviteID)).toHaveLength(1);
    expect(of(aliceLaptop.seen('invitationCreated'), inviteID)).toHaveLength(1);
    expect(alice.seen('invitationCreated')).toHaveLength(0);
  }, 30_000);

  it('the inviter cancels from her phone: invitationCancelled once on every device (the cancelling one too), bob cancelled once', async () => {
    const world = await start();
    const { alice, bob, all } = await fourDevices(world);
    const { inviteID } = await alice.invite('bob');
    await bob.next('invitationReceived', (e) => e.inviteID === inviteID);
    await until(() => alice.getInvitation(inviteID)?.users[0]?.state === 'received', 5000, 'bob received');
    await alice.cancel(inviteID, { data: 'never mind' });
    await expectSettled(world, all, inviteID);
    for (const c of all) {
      const cancelled = of(c.seen('invitationCancelled'), inviteID);
      expect(cancelled, `${c.userID}/${c.deviceID}`).toHaveLength(1);
      expect(cancelled[0]).toMatchObject({ inviter: 'alice', invitees: ['bob'], data: 'never mind', reason: 'cancelled' });
    }
  }, 30_000);

  it('advanced call: modify and end from alice’s phone are each told once on every device (invitationModified, invitationEnded), the acting phone included', async () => {
    const world = await start();
    const { alice, bob, all } = await fourDevices(world);
    const { inviteID } = await alice.invite('bob', { mode: 'advanced' });
    await bob.next('invitationReceived', (e) => e.inviteID === inviteID);
    await bob.accept(inviteID);
    await alice.modify(inviteID, 'topic: audit');
    await alice.end(inviteID, { data: 'bye' });
    const truth = await expectSettled(world, all, inviteID);
    expect(truth).toMatchObject({ state: 'ended', endReason: 'ended', data: 'topic: audit' });
    for (const c of all) {
      const who = `${c.userID}/${c.deviceID}`;
      expect(of(c.seen('invitationModified'), inviteID).map((e) => e.data), who).toEqual(['topic: audit']);
      const ended = of(c.seen('invitationEnded'), inviteID);
      expect(ended, who).toHaveLength(1);
      expect(ended[0], who).toMatchObject({ operatedUserID: 'alice', data: 'bye', endReason: 'ended' });
      expect(of(c.seen('inviteeAccepted'), inviteID).map((e) => e.invitee), who).toEqual(['bob']);
    }
  }, 30_000);
});

describe.each(worlds)('contract audit: receipts (%s)', (_, start) => {
  it('enableNotReceivedCheck: bob away → notYetReceived; his device connects and rings → received (unacked receipt), each told once on every device', async () => {
    const world = await start({ notReceivedCheckSeconds: 1 });
    const [n1, n2] = world.nodes;
    const alice = await connectClient(n1, 'alice', { deviceID: 'phone' });
    const aliceLaptop = await connectClient(n2, 'alice', { deviceID: 'laptop' });
    const { inviteID } = await alice.invite('bob', { enableNotReceivedCheck: true, timeout: 60 });
    await alice.next('callUserStateChanged', (e) => e.inviteID === inviteID && e.callUserList.some((u) => u.state === 'notYetReceived'), 8000);
    const bob = await connectClient(n2, 'bob');
    await bob.next('invitationReceived', (e) => e.inviteID === inviteID);
    const all = [alice, aliceLaptop, bob];
    for (const c of all) await until(() => c.getInvitation(inviteID)?.users[0]?.state === 'received', 8000, `${c.userID}/${c.deviceID} sees bob received`);
    await expectSettled(world, all, inviteID);
    for (const c of [alice, aliceLaptop]) expect(toldStates(c, inviteID)).toEqual(['bob:inviting', 'bob:notYetReceived', 'bob:received']);
    expect(of(bob.seen('invitationReceived'), inviteID)).toHaveLength(1);
  }, 30_000);

  it('enableNotReceivedCheck with an auto-answer: notYetReceived → accepted directly, told once on every device', async () => {
    const world = await start({ notReceivedCheckSeconds: 1 });
    const [n1, n2] = world.nodes;
    const alice = await connectClient(n1, 'alice');
    const { inviteID } = await alice.invite('bob', { enableNotReceivedCheck: true, timeout: 60 });
    await alice.next('callUserStateChanged', (e) => e.inviteID === inviteID && e.callUserList.some((u) => u.state === 'notYetReceived'), 8000);
    const bob = await connectClient(n2, 'bob', { connect: false });
    const accepted: Promise<unknown>[] = [];
    bob.on('invitationReceived', (e) => void accepted.push(bob.accept(e.inviteID)));
    await bob.connect();
    await until(() => accepted.length === 1, 5000, 'bob auto-accepts');
    await accepted[0];
    await expectSettled(world, [alice, bob], inviteID);
    expect(toldStates(alice, inviteID)).toEqual(['bob:inviting', 'bob:notYetReceived', 'bob:accepted']);
    expect(of(alice.seen('inviteeAccepted'), inviteID)).toHaveLength(1);
    expect(of(bob.seen('inviteeAccepted'), inviteID)).toHaveLength(1);
  }, 30_000);

  it('an acknowledged invitation:received still answers the codes of section 8, and a second receipt changes nothing', async () => {
    const world = await start();
    const [n1, n2] = world.nodes;
    const alice = await connectClient(n1, 'alice');
    const carol = await connectClient(n2, 'carol');
    const bob = await connectClient(n2, 'bob', { connect: false }); // a raw-ish bob: his own receipts are ours to send
    const { inviteID } = await alice.invite('bob', { timeout: 60 });
    const send = (client: TestClient, params: unknown) =>
      (client as unknown as { transport: { request(n: string, p: unknown, t: number): Promise<{ ok: boolean; error?: { code: string } }> } }).transport.request('invitation:received', params, 5000);
    // bob, connected, but with his automatic receipt held back so that ours are the only ones.
    (bob as unknown as { mirror: { acknowledgeReceipt(): void } }).mirror.acknowledgeReceipt = () => undefined;
    await bob.connect();
    await until(() => bob.getInvitation(inviteID) !== undefined, 5000, 'bob rings');
    expect(alice.getInvitation(inviteID)?.users[0]?.state).toBe('inviting');

    expect((await send(bob, { inviteID: 42 })).error?.code).toBe('INVALID_PARAMETER');
    expect((await send(bob, 'nope')).error?.code).toBe('INVALID_PARAMETER');
    expect((await send(bob, { inviteID: 'x'.repeat(5000) })).error?.code).toBe('INVALID_PARAMETER');
    expect((await send(bob, { inviteID: 'unknown-invitation-id' })).error?.code).toBe('INVITATION_NOT_FOUND');
    expect((await send(carol, { inviteID })).error?.code).toBe('INVITATION_NOT_FOUND');
    const untouched = await world.snapshot(inviteID);
    expect(untouched?.users[0]?.state).toBe('inviting');

    expect(await send(bob, { inviteID })).toMatchObject({ ok: true });
    await until(() => alice.getInvitation(inviteID)?.users[0]?.state === 'received', 5000, 'alice sees bob received');
    const afterFirst = await world.snapshot(inviteID);
    expect(await send(bob, { inviteID })).toMatchObject({ ok: true });
    expect((await world.snapshot(inviteID))?.version).toBe(afterFirst?.version);
    await bob.accept(inviteID);
    const afterAccept = await world.snapshot(inviteID);
    expect(await send(bob, { inviteID })).toMatchObject({ ok: true });
    expect((await world.snapshot(inviteID))?.version).toBe(afterAccept?.version);
    await expectSettled(world, [alice, bob], inviteID);
    expect(toldStates(alice, inviteID)).toEqual(['bob:inviting', 'bob:received', 'bob:accepted']);
    expect(of(carol.seen('invitationUpdated'), inviteID)).toHaveLength(0);
  }, 30_000);

  it('unacknowledged receipts that are malformed, foreign, unknown or late change nothing, tell nobody anything, and the server keeps serving', async () => {
    const world = await start();
    const [n1, n2] = world.nodes;
    const alice = await connectClient(n1, 'alice');
    const bob = await connectClient(n2, 'bob');
    const carol = await connectClient(n1, 'carol');
    const { inviteID } = await alice.invite('bob', { timeout: 60 });
    await until(() => alice.getInvitation(inviteID)?.users[0]?.state === 'received', 5000, 'bob received');
    const before = await world.snapshot(inviteID);
    const aliceEvents = alice.events.length;
    const emit = (client: TestClient, ...args: unknown[]) =>
      (client as unknown as { transport: { notify(n: string, p: unknown): boolean } }).transport.notify(...(args as [string, unknown]));
    for (const params of [{ inviteID }, { inviteID: 'unknown-invitation-id' }, { inviteID: 7 }, null, 'x', [inviteID], { inviteID: 'x'.repeat(100_000) }, { inviteID, extra: { deep: [1, 2, 3] } }]) {
      emit(carol, 'invitation:received', params);
      emit(bob, 'invitation:received', params);
    }
    // Other commands without an acknowledgement are ignored outright.
    const socketOf = (c: TestClient) => (c as unknown as { transport: { notify(n: string, p: unknown): boolean } }).transport;
    socketOf(bob).notify('invitation:accept' as 'invitation:received', { inviteID, requestID: 'unacked-accept' } as never);
    socketOf(alice).notify('invitation:cancel' as 'invitation:received', { inviteID, requestID: 'unacked-cancel' } as never);
    await sleep(500);
    expect(await world.snapshot(inviteID)).toEqual(before);
    expect(alice.events.slice(aliceEvents).filter((r) => r.name !== 'connectionStateChanged')).toEqual([]);
    expect(carol.seen('invitationUpdated')).toHaveLength(0);
    // Still serving, on both nodes.
    await bob.accept(inviteID);
    await expectSettled(world, [alice, bob], inviteID);
    const again = await carol.invite('bob');
    await bob.next('invitationReceived', (e) => e.inviteID === again.inviteID);
    // A late receipt (after the answer) changes nothing either.
    emit(bob, 'invitation:received', { inviteID });
    await sleep(300);
    expect((await world.snapshot(inviteID))?.version).toBe(alice.getInvitation(inviteID)?.version);
  }, 30_000);
});

describe.each(worlds)('contract audit: reconnect in the middle of an auto-answer (%s)', (_, start) => {
  it.each(['right after the accept is sent', 'right before the accept is sent'] as const)('bob’s network drops %s: the accept is applied once, everyone is told once, bob rang once', async (when) => {
    const world = await start();
    const [n1, n2] = world.nodes;
    const alice = await connectClient(n1, 'alice');
    const aliceLaptop = await connectClient(n2, 'alice', { deviceID: 'laptop' });
    const bob = await connectClient(n2, 'bob');
    const answers: Promise<unknown>[] = [];
    bob.on('invitationReceived', (e) => {
      if (when === 'right before the accept is sent') dropConnections(n2, 'bob');
      answers.push(bob.accept(e.inviteID, { data: 'auto' }));
      if (when === 'right after the accept is sent') dropConnections(n2, 'bob');
    });
    const { inviteID } = await alice.invite('bob', { timeout: 60 });
    await until(() => answers.length === 1, 5000, 'bob answers');
    await expect(answers[0]).resolves.toMatchObject({});
    await until(() => bob.connectionState === 'connected', 10_000, 'bob back');
    const truth = await expectSettled(world, [alice, aliceLaptop, bob], inviteID);
    expect(truth.users[0]).toMatchObject({ state: 'accepted', data: 'auto' });
    for (const c of [alice, aliceLaptop, bob]) {
      expect(of(c.seen('inviteeAccepted'), inviteID), `${c.userID}/${c.deviceID}`).toHaveLength(1);
      expect(toldStates(c, inviteID).filter((s) => s === 'bob:accepted')).toHaveLength(1);
    }
    expect(of(bob.seen('invitationReceived'), inviteID)).toHaveLength(1);
  }, 30_000);
});

describe.each(worlds)('contract audit: answering a ring that comes with the first handshake (%s)', (_, start) => {
  it.each(['accept', 'reject'] as const)('bob was offline when invited; his device connects, rings during the handshake, and its app %ss at once: it works (no NOT_CONNECTED)', async (answer) => {
    const world = await start();
    const [n1, n2] = world.nodes;
    const alice = await connectClient(n1, 'alice');
    const { inviteID } = await alice.invite('bob', { timeout: 60 });
    const bob = await connectClient(n2, 'bob', { connect: false });
    const answers: Promise<unknown>[] = [];
    const states: string[] = [];
    bob.on('invitationReceived', (e) => {
      states.push(bob.connectionState);
      answers.push(bob[answer](e.inviteID, { data: 'at once' }));
    });
    await bob.connect();
    expect(answers).toHaveLength(1);
    expect(states).toEqual(['connecting']); // the ring did come before connect() resolved
    await expect(answers[0]).resolves.toMatchObject({});
    await until(() => alice.getInvitation(inviteID)?.state === 'ended', 5000, 'alice sees the answer');
    const truth = await expectSettled(world, [alice, bob], inviteID);
    expect(truth.users[0]).toMatchObject({ state: answer === 'accept' ? 'accepted' : 'rejected', data: 'at once' });
    expect(of(alice.seen(answer === 'accept' ? 'inviteeAccepted' : 'inviteeRejected'), inviteID)).toHaveLength(1);
  }, 30_000);

  it('a change asked for before the handshake (connect() just called) is still refused at once with NOT_CONNECTED, and a refused connect keeps its own code', async () => {
    const world = await start();
    const client = await connectClient(world.nodes[0], 'mallory', { token: 'not-a-token', connect: false });
    const connecting = client.connect().catch((e: { code: string }) => e.code);
    const invited = await client.invite('bob').then(() => 'invited', (e: { code: string }) => e.code);
    expect(invited).toBe('NOT_CONNECTED');
    expect(await connecting).toBe('UNAUTHENTICATED');
  }, 30_000);
});

describe.each(worlds)('contract audit: the store reflects the same final state (%s)', (_, start) => {
  it.each([false, true])('auto-answer on the phone = %s: both of bob’s stores stop ringing, every store holds the server’s snapshot', async (auto) => {
    const world = await start();
    const { alice, aliceLaptop, bob, bobLaptop, all } = await fourDevices(world);
    const stores: RingkitStore[] = all.map((c) => createRingkitStore(c));
    try {
      if (auto) bob.on('invitationReceived', (e) => void bob.accept(e.inviteID));
      const { inviteID } = await alice.invite('bob');
      const bobStores = [stores[2]!, stores[3]!];
      if (!auto) {
        for (const s of bobStores) await until(() => selectRingingInvitations(s.getState()).some((i) => i.inviteID === inviteID), 5000, 'bob’s stores ring');
        await bob.accept(inviteID);
      }
      await until(() => alice.getInvitation(inviteID)?.users[0]?.state === 'accepted', 5000, 'alice sees bob accepted');
      const truth = await expectSettled(world, all, inviteID);
      for (const s of stores) expect(s.getState().invitations[inviteID]).toEqual(truth);
      for (const s of bobStores) expect(selectRingingInvitations(s.getState())).toEqual([]);
      void aliceLaptop;
      void bobLaptop;
    } finally {
      stores.forEach((s) => s.destroy());
    }
  }, 30_000);
});

describe.each(worlds)('contract audit: a class of 20 (held back, group commit), half auto-answering (%s)', (_, start) => {
  it('each member, the answering ones included, is told each answer once, and every mirror ends equal to the server', async () => {
    const world = await start();
    const [n1, n2] = world.nodes;
    const STUDENTS = Array.from({ length: 20 }, (_, i) => `s${String(i).padStart(2, '0')}`);
    await n1.groups.createGroup('class', ['teacher', ...STUDENTS]);
    const teacher = await connectClient(n1, 'teacher');
    const students = await Promise.all(STUDENTS.map((id, i) => connectClient(i % 2 ? n2 : n1, id)));
    const answers: Promise<unknown>[] = [];
    students.forEach((s, i) => {
      if (i % 2 === 0) s.on('invitationReceived', (e) => void answers.push(i % 4 === 0 ? s.accept(e.inviteID) : s.reject(e.inviteID)));
    });
    const { inviteID } = await teacher.inviteInGroup('class', STUDENTS, { timeout: 60 });
    await until(() => answers.length === 10, 10_000, 'the auto-answers');
    await Promise.all(answers);
    // The others answer later, after their receipts.
    await Promise.all(students.filter((_, i) => i % 2 === 1).map((s) => until(() => s.getInvitation(inviteID)?.users.find((u) => u.userID === s.userID)?.state === 'received', 10_000, `${s.userID} received`)));
    await Promise.all(students.filter((_, i) => i % 2 === 1).map((s) => s.accept(inviteID)));
    const all = [teacher, ...students];
    const truth = await expectSettled(world, all, inviteID);
    const accepters = truth.users.filter((u) => u.state === 'accepted').map((u) => u.userID).sort();
    expect(accepters).toHaveLength(15);
    for (const c of all) {
      expect(of(c.seen('inviteeAccepted'), inviteID).map((e) => e.invitee).sort(), c.userID).toEqual(accepters);
      expect(of(c.seen('inviteeRejected'), inviteID)).toHaveLength(5);
    }
  }, 60_000);
});

describe.each(worlds)('contract audit: a change whose answer comes after the request timeout (%s)', (_, start) => {
  /** The server (node `node`) starts commands named `name` only after `ms`: a loaded server or a slow store. */
  function slowCommand(node: RingkitServer, name: string, ms: number) {
    const execute = node.engine.execute.bind(node.engine);
    node.engine.execute = ((session, command, payload, reply) =>
      command === name ? new Promise((r) => setTimeout(r, ms)).then(() => execute(session, command, payload, reply)) : execute(session, command, payload, reply)) as typeof execute;
  }

  it('bob’s accept is applied after his phone gave up waiting (REQUEST_TIMEOUT): the phone’s mirror still comes to show the accept, like every other device', async () => {
    const world = await start();
    const [n1, n2] = world.nodes;
    const alice = await connectClient(n1, 'alice');
    const bobLaptop = await connectClient(n1, 'bob', { deviceID: 'laptop' });
    const bob = await connectClient(n2, 'bob', { deviceID: 'phone', requestTimeoutMs: 300 });
    const { inviteID } = await alice.invite('bob', { timeout: 60 });
    await until(() => bob.getInvitation(inviteID)?.users[0]?.state === 'received', 5000, 'bob received');
    slowCommand(n2, 'invitation:accept', 900);
    await expect(bob.accept(inviteID)).rejects.toMatchObject({ code: 'REQUEST_TIMEOUT' });
    await until(() => alice.getInvitation(inviteID)?.users[0]?.state === 'accepted', 5000, 'the accept is applied all the same');
    const truth = await expectSettled(world, [alice, bobLaptop, bob], inviteID);
    expect(truth.users[0]).toMatchObject({ state: 'accepted', deviceID: 'phone' });
  }, 30_000);

  it('alice’s invite is stored after her phone gave up waiting (REQUEST_TIMEOUT): the phone’s mirror still comes to hold the invitation, and hears bob’s auto-accept once', async () => {
    const world = await start();
    const [n1, n2] = world.nodes;
    const alice = await connectClient(n1, 'alice', { deviceID: 'phone', requestTimeoutMs: 300 });
    slowCommand(n1, 'invitation:invite', 900);
    await expect(alice.invite('bob', { timeout: 60 })).rejects.toMatchObject({ code: 'REQUEST_TIMEOUT' });
    // bob is offline: nothing else happens to the invitation, yet alice's phone must show it.
    await until(() => alice.getInvitations().length === 1, 5000, 'alice’s phone holds the invitation it made');
    const inviteID = alice.getInvitations()[0]!.inviteID;
    const bob = await connectClient(n2, 'bob', { connect: false });
    bob.on('invitationReceived', (e) => void bob.accept(e.inviteID));
    await bob.connect();
    await until(() => alice.getInvitation(inviteID)?.users[0]?.state === 'accepted', 5000, 'alice sees the accept');
    await expectSettled(world, [alice, bob], inviteID);
    expect(of(alice.seen('inviteeAccepted'), inviteID)).toHaveLength(1);
  }, 30_000);
});

describe.each(worlds)('contract audit: a repeated requestID (%s)', (_, start) => {
  it('bob accepts twice with one requestID (again from his laptop too): the first result every time, one change, each device told once', async () => {
    const world = await start();
    const { alice, aliceLaptop, bob, bobLaptop, all } = await fourDevices(world);
    const { inviteID } = await alice.invite('bob');
    await bob.next('invitationReceived', (e) => e.inviteID === inviteID);
    const first = await bob.accept(inviteID, { data: 'once', requestID: 'accept-1' });
    const again = await bob.accept(inviteID, { data: 'once', requestID: 'accept-1' });
    const fromLaptop = await bobLaptop.accept(inviteID, { data: 'once', requestID: 'accept-1' });
    expect(again.invitation.version).toBe(first.invitation.version);
    expect(fromLaptop.invitation.version).toBe(first.invitation.version);
    await expect(bobLaptop.accept(inviteID, { data: 'other', requestID: 'accept-1' })).rejects.toMatchObject({ code: 'INVALID_PARAMETER' });
    await expect(bobLaptop.accept(inviteID)).rejects.toMatchObject({ code: 'INVALID_STATE' });
    const truth = await expectSettled(world, all, inviteID);
    expect(truth.version).toBe(first.invitation.version);
    for (const c of all) expect(of(c.seen('inviteeAccepted'), inviteID), `${c.userID}/${c.deviceID}`).toHaveLength(1);
    void aliceLaptop;
  }, 30_000);
});

describe.each(worlds)('contract audit: a class’s packed rows carry every field (%s)', (_, start) => {
  it('a busy student turned away, answers with data, a timeout of 0: every member’s mirror equals the server’s snapshot field for field', async () => {
    const world = await start();
    const [n1, n2] = world.nodes;
    const STUDENTS = Array.from({ length: 18 }, (_, i) => `p${String(i).padStart(2, '0')}`);
    await n1.groups.createGroup('room', ['teacher', ...STUDENTS]);
    const teacher = await connectClient(n1, 'teacher');
    const students = await Promise.all(STUDENTS.map((id, i) => connectClient(i % 2 ? n2 : n1, id, { deviceID: `dev-${id}` })));
    // p00 is in another call (accepted in an advanced call), so busyPolicy 'reject' turns it away.
    const other = await connectClient(n2, 'other');
    const call = await other.invite('p00', { mode: 'advanced' });
    await students[0]!.next('invitationReceived', (e) => e.inviteID === call.inviteID);
    await students[0]!.accept(call.inviteID);
    const { inviteID } = await teacher.inviteInGroup('room', STUDENTS, { timeout: 0, data: 'lesson 4', busyPolicy: 'reject' });
    await Promise.all(students.slice(1).map((s, i) => s.next('invitationReceived', (e) => e.inviteID === inviteID).then(() => (i % 3 === 0 ? s.reject(inviteID, { data: `no ${i}` }) : s.accept(inviteID, { data: `hand ${i}` })))));
    const all = [teacher, ...students];
    const truth = await expectSettled(world, all, inviteID);
    expect(truth.users.find((u) => u.userID === 'p00')).toMatchObject({ state: 'rejected', reason: 'busy' });
    expect(truth.users.filter((u) => u.data.startsWith('hand '))).not.toHaveLength(0);
    for (const c of all) expect(of(c.seen('inviteeRejected'), inviteID).some((e) => e.invitee === 'p00'), c.userID).toBe(true);
  }, 60_000);
});

describe.each(worlds)('contract audit: races under group commit and the echo skip (%s)', (_, start) => {
  it('bob’s phone and laptop accept at once while alice cancels: one wins, the others get INVALID_STATE, every device is told the outcome once', async () => {
    const world = await start();
    const { alice, bob, bobLaptop, all } = await fourDevices(world);
    for (let round = 0; round < 3; round++) {
      const { inviteID } = await alice.invite('bob');
      await bob.next('invitationReceived', (e) => e.inviteID === inviteID);
      await bobLaptop.next('invitationReceived', (e) => e.inviteID === inviteID);
      const outcomes = await Promise.allSettled([bob.accept(inviteID), bobLaptop.accept(inviteID), alice.cancel(inviteID)]);
      const won = outcomes.filter((o) => o.status === 'fulfilled');
      expect(won, `round ${round}`).toHaveLength(1);
      for (const o of outcomes) if (o.status === 'rejected') expect((o.reason as { code: string }).code).toBe('INVALID_STATE');
      const truth = await expectSettled(world, all, inviteID);
      const state = truth.users[0]!.state;
      expect(['accepted', 'cancelled']).toContain(state);
      for (const c of all) {
        expect(of(c.seen('inviteeAccepted'), inviteID), `${c.userID}/${c.deviceID}`).toHaveLength(state === 'accepted' ? 1 : 0);
        expect(of(c.seen('invitationCancelled'), inviteID), `${c.userID}/${c.deviceID}`).toHaveLength(state === 'cancelled' ? 1 : 0);
      }
    }
  }, 60_000);
});

describe.each(worlds)('contract audit: advanced call, device switch and quit (%s)', (_, start) => {
  it('bob switches to his laptop with join, the laptop joining again gets ALREADY_PRIMARY_DEVICE, then quits and alice ends: every device follows, the acting one included', async () => {
    const world = await start();
    const { alice, aliceLaptop, bob, bobLaptop, all } = await fourDevices(world);
    const { inviteID } = await alice.invite('bob', { mode: 'advanced' });
    await bob.next('invitationReceived', (e) => e.inviteID === inviteID);
    await bob.accept(inviteID);
    await bobLaptop.join(inviteID, { data: 'switched' });
    await expect(bobLaptop.join(inviteID)).rejects.toMatchObject({ code: 'ALREADY_PRIMARY_DEVICE' });
    for (const c of all) await until(() => c.getInvitation(inviteID)?.users.find((u) => u.userID === 'bob')?.deviceID === 'laptop', 5000, `${c.userID}/${c.deviceID} sees the switch`);
    await bobLaptop.quit(inviteID, { data: 'bye' });
    // alice is still accepted: an advanced call stays active until she ends it (section 3).
    const quit = await expectSettled(world, all, inviteID);
    expect(quit.state).toBe('active');
    expect(quit.users.find((u) => u.userID === 'bob')).toMatchObject({ state: 'quit', deviceID: 'laptop', data: 'bye' });
    for (const c of all) {
      const who = `${c.userID}/${c.deviceID}`;
      const bobStates = of(c.seen('callUserStateChanged'), inviteID).flatMap((e) => e.callUserList.filter((u) => u.userID === 'bob').map((u) => `${u.state}@${u.deviceID ?? ''}`));
      expect(bobStates.slice(-3), who).toEqual(['accepted@phone', 'accepted@laptop', 'quit@laptop']);
    }
    // bob, now terminal, is no longer a recipient; alice's devices hear her end once.
    await alice.end(inviteID);
    const ended = await expectSettled(world, [alice, aliceLaptop], inviteID);
    expect(ended).toMatchObject({ state: 'ended', endReason: 'ended' });
    for (const c of [alice, aliceLaptop]) expect(of(c.seen('invitationEnded'), inviteID), `${c.userID}/${c.deviceID}`).toHaveLength(1);
  }, 30_000);
});
