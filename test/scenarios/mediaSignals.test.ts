import { describe, expect, it } from 'vitest';
import type { RingkitError } from '../../src/index.js';
import { createMemoryStorage, type RingkitStorage } from '../../src/server/index.js';
import { connectClient, crashDevice, dropConnections, startServer, until, type TestClient } from '../support/harness.js';

/**
 * docs/protocol.md "Media signals": users accepted in the same active invitation relay opaque
 * messages to each other's device in the call, and only there; everyone else is answered as for a
 * made-up invitation.
 */
const FAKE_ID = 'Q2hlY2tNYXRlQmFieTEyMw';

/** What a sendMediaSignal ended with: 'ok', or the error's code and message. */
const outcome = (p: Promise<void>) =>
  p.then(
    () => 'ok' as const,
    (e: RingkitError) => ({ code: e.code, message: e.message }),
  );

const signalsOf = (client: TestClient, inviteID: string) => client.seen('mediaSignal').filter((e) => e.inviteID === inviteID);

/** A short round trip on each client, so that anything still in flight to it has arrived. */
async function settle(...clients: TestClient[]) {
  await Promise.all(clients.map((c) => c.queryInvitations({ count: 1 })));
}

describe('media signals', () => {
  it('1v1 call (advanced, as useCall places it): both ways, to the device that answered only', async () => {
    const server = await startServer();
    const alice = await connectClient(server, 'alice', { deviceID: 'alice-laptop' });
    const phone = await connectClient(server, 'bob', { deviceID: 'phone' });
    const tablet = await connectClient(server, 'bob', { deviceID: 'tablet' });

    const { inviteID } = await alice.invite('bob', { mode: 'advanced' });
    // Ringing is not a call yet: nobody answered, so there is nobody to signal.
    expect(await outcome(alice.sendMediaSignal(inviteID, 'bob', 'early'))).toMatchObject({ code: 'INVITATION_NOT_FOUND' });
    await phone.accept(inviteID);

    await alice.sendMediaSignal(inviteID, 'bob', '{"type":"offer","sdp":"v=0"}');
    expect(await phone.next('mediaSignal', (e) => e.inviteID === inviteID)).toEqual({
      inviteID,
      from: 'alice',
      fromDeviceID: 'alice-laptop',
      signal: '{"type":"offer","sdp":"v=0"}',
    });
    await phone.sendMediaSignal(inviteID, 'alice', '{"type":"answer"}');
    expect(await alice.next('mediaSignal', (e) => e.inviteID === inviteID)).toEqual({ inviteID, from: 'bob', fromDeviceID: 'phone', signal: '{"type":"answer"}' });

    // The tablet rang too, but it never sees the call's SDP, and may not inject any.
    await settle(alice, phone, tablet);
    expect(tablet.seen('mediaSignal')).toEqual([]);
    expect(await outcome(tablet.sendMediaSignal(inviteID, 'alice', 'from the tablet'))).toMatchObject({ code: 'INVITATION_NOT_FOUND' });

    // Once the call ends, nothing more is relayed.
    await alice.end(inviteID);
    expect(await outcome(phone.sendMediaSignal(inviteID, 'alice', 'late'))).toMatchObject({ code: 'INVITATION_NOT_FOUND' });
    await settle(alice, phone);
    expect(signalsOf(alice, inviteID)).toHaveLength(1);
    expect(signalsOf(phone, inviteID)).toHaveLength(1);
  });

  it('a three-user advanced call: every pair both ways; a user who quit is out, and the others go on', async () => {
    const server = await startServer();
    const alice = await connectClient(server, 'alice');
    const bob = await connectClient(server, 'bob');
    const carol = await connectClient(server, 'carol');
    const { inviteID } = await alice.invite(['bob', 'carol'], { mode: 'advanced' });
    await bob.accept(inviteID);
    await carol.accept(inviteID);

    const people = { alice, bob, carol };
    for (const [from, sender] of Object.entries(people)) {
      for (const to of Object.keys(people)) if (to !== from) await sender.sendMediaSignal(inviteID, to, `${from}→${to}`);
    }
    await until(() => Object.values(people).every((c) => signalsOf(c, inviteID).length === 2), 5000, 'two signals each');
    for (const [to, receiver] of Object.entries(people)) {
      expect(signalsOf(receiver, inviteID).map((e) => `${e.from}→${to}:${e.signal}`).sort()).toEqual(
        Object.keys(people).filter((f) => f !== to).map((f) => `${f}→${to}:${f}→${to}`).sort(),
      );
    }

    await carol.quit(inviteID);
    const made = await outcome(carol.sendMediaSignal(FAKE_ID, 'alice', 'x'));
    expect(await outcome(carol.sendMediaSignal(inviteID, 'alice', 'after quitting'))).toEqual(made);
    expect(await outcome(alice.sendMediaSignal(inviteID, 'carol', 'to a user who quit'))).toEqual(made);
    await alice.sendMediaSignal(inviteID, 'bob', 'still here');
    expect(await bob.next('mediaSignal', (e) => e.signal === 'still here')).toMatchObject({ from: 'alice' });
  });

  it('a stranger, a user who quit, a pending invitee, a device without the part and a made-up ID all get the same answer', async () => {
    const server = await startServer();
    const alice = await connectClient(server, 'alice');
    const bob = await connectClient(server, 'bob', { deviceID: 'phone' });
    const bobLaptop = await connectClient(server, 'bob', { deviceID: 'laptop' });
    const carol = await connectClient(server, 'carol');
    const dave = await connectClient(server, 'dave');
    const mallory = await connectClient(server, 'mallory');
    const { inviteID } = await alice.invite(['bob', 'carol', 'dave'], { mode: 'advanced' });
    await bob.accept(inviteID);
    await carol.accept(inviteID);
    await carol.quit(inviteID);
    await dave.next('invitationReceived', (e) => e.inviteID === inviteID); // dave rings, unanswered

    const madeUp = await outcome(mallory.sendMediaSignal(FAKE_ID, 'alice', 'x'));
    expect(madeUp).toEqual({ code: 'INVITATION_NOT_FOUND', message: 'no such invitation' });
    const attempts: Record<string, Promise<void>> = {
      'a stranger': mallory.sendMediaSignal(inviteID, 'alice', 'x'),
      'a stranger to the invitee': mallory.sendMediaSignal(inviteID, 'bob', 'x'),
      'a user who quit': carol.sendMediaSignal(inviteID, 'alice', 'x'),
      'a pending invitee': dave.sendMediaSignal(inviteID, 'alice', 'x'),
      "the callee's other device": bobLaptop.sendMediaSignal(inviteID, 'alice', 'x'),
      'to a pending invitee': alice.sendMediaSignal(inviteID, 'dave', 'x'),
      'to a user who quit': alice.sendMediaSignal(inviteID, 'carol', 'x'),
      'to a stranger': alice.sendMediaSignal(inviteID, 'mallory', 'x'),
      'a participant with a made-up ID': alice.sendMediaSignal(FAKE_ID, 'bob', 'x'),
    };
    for (const [who, attempt] of Object.entries(attempts)) expect(await outcome(attempt), who).toEqual(madeUp);

    await settle(alice, bob, bobLaptop, carol, dave, mallory);
    for (const c of [alice, bob, bobLaptop, carol, dave, mallory]) expect(c.seen('mediaSignal'), c.userID).toEqual([]);
  });

  it('normal mode: the inviter (on the device that invited) and an accepted invitee, while the invitation is active', async () => {
    const server = await startServer();
    const alice = await connectClient(server, 'alice', { deviceID: 'desk' });
    const alicePhone = await connectClient(server, 'alice', { deviceID: 'alice-phone' });
    const bob = await connectClient(server, 'bob');
    const carol = await connectClient(server, 'carol');
    const { inviteID } = await alice.invite(['bob', 'carol']);
    await bob.accept(inviteID); // carol still rings: the invitation stays active

    await alice.sendMediaSignal(inviteID, 'bob', 'from the desk');
    expect(await bob.next('mediaSignal')).toMatchObject({ from: 'alice', fromDeviceID: 'desk', signal: 'from the desk' });
    await bob.sendMediaSignal(inviteID, 'alice', 'to the desk');
    expect(await alice.next('mediaSignal')).toMatchObject({ from: 'bob', signal: 'to the desk' });
    expect(await outcome(alicePhone.sendMediaSignal(inviteID, 'bob', 'x'))).toMatchObject({ code: 'INVITATION_NOT_FOUND' });
    expect(await outcome(bob.sendMediaSignal(inviteID, 'carol', 'x'))).toMatchObject({ code: 'INVITATION_NOT_FOUND' });

    // Once nobody rings, a normal-mode invitation is over (allAnswered), and so is its relay.
    await carol.reject(inviteID);
    expect(await outcome(bob.sendMediaSignal(inviteID, 'alice', 'x'))).toMatchObject({ code: 'INVITATION_NOT_FOUND' });
    await settle(alicePhone);
    expect(alicePhone.seen('mediaSignal')).toEqual([]);
  });

  it('size and shape: over maxSignalBytes is PAYLOAD_TOO_LARGE (before the invitation is looked at), malformed is INVALID_PARAMETER', async () => {
    const server = await startServer({ limits: { maxSignalBytes: 1000 } });
    const alice = await connectClient(server, 'alice');
    const bob = await connectClient(server, 'bob');
    const { inviteID } = await alice.invite('bob', { mode: 'advanced' });
    await bob.accept(inviteID);

    await alice.sendMediaSignal(inviteID, 'bob', 'x'.repeat(1000));
    await alice.sendMediaSignal(inviteID, 'bob', 'é'.repeat(500)); // 1000 bytes
    expect((await outcome(alice.sendMediaSignal(inviteID, 'bob', 'x'.repeat(1001)))).valueOf()).toMatchObject({ code: 'PAYLOAD_TOO_LARGE' });
    expect(await outcome(alice.sendMediaSignal(inviteID, 'bob', 'é'.repeat(501)))).toMatchObject({ code: 'PAYLOAD_TOO_LARGE' });
    expect(await outcome(alice.sendMediaSignal(inviteID, 'bob', '😀'.repeat(251)))).toMatchObject({ code: 'PAYLOAD_TOO_LARGE' });
    // The same answer whoever asks about whatever ID: size says nothing about the invitation.
    const stranger = await connectClient(server, 'mallory');
    expect(await outcome(stranger.sendMediaSignal(inviteID, 'bob', 'x'.repeat(1001)))).toEqual(await outcome(stranger.sendMediaSignal(FAKE_ID, 'bob', 'x'.repeat(1001))));

    const malformed: [string, string, string][] = [
      ['not an id!', 'bob', 'x'],
      [inviteID, '', 'x'],
      [inviteID, ' bob', 'x'],
      [inviteID, 'bob', ''],
      [inviteID, 'alice', 'to myself'],
    ];
    for (const [id, to, signal] of malformed) expect(await outcome(alice.sendMediaSignal(id, to, signal)), `${id} ${to} ${signal}`).toMatchObject({ code: 'INVALID_PARAMETER' });
    await settle(bob);
    expect(signalsOf(bob, inviteID)).toHaveLength(2);
  });

  it('200 signals sent at once arrive in order, even when storage answers out of order', async () => {
    // Storage lookups that take a random while: without per-connection ordering the relay would reorder.
    const base = createMemoryStorage();
    const storage: RingkitStorage = {
      ...base,
      async getInvitation(inviteID) {
        await new Promise((r) => setTimeout(r, Math.random() * 4));
        return base.getInvitation(inviteID);
      },
    };
    const server = await startServer({ storage, limits: { mediaSignalsPerSecond: 10_000 } });
    const alice = await connectClient(server, 'alice');
    const bob = await connectClient(server, 'bob');
    const { inviteID } = await alice.invite('bob', { mode: 'advanced' });
    await bob.accept(inviteID);

    const sent = Array.from({ length: 200 }, (_, i) => `candidate ${i}`);
    const fromBob = Array.from({ length: 200 }, (_, i) => `bob ${i}`);
    await Promise.all([...sent.map((s) => alice.sendMediaSignal(inviteID, 'bob', s)), ...fromBob.map((s) => bob.sendMediaSignal(inviteID, 'alice', s))]);
    await until(() => signalsOf(bob, inviteID).length === 200 && signalsOf(alice, inviteID).length === 200, 5000, 'all 400 signals');
    expect(signalsOf(bob, inviteID).map((e) => e.signal)).toEqual(sent);
    expect(signalsOf(alice, inviteID).map((e) => e.signal)).toEqual(fromBob);
  });

  it('counted against a per-user budget of their own: a flood is RATE_LIMITED, and the app requests of the same user are not starved', async () => {
    const server = await startServer({ limits: { mediaSignalsPerSecond: 20, requestsPerSecond: 20 } });
    const alice = await connectClient(server, 'alice');
    const bob = await connectClient(server, 'bob');
    const { inviteID } = await alice.invite('bob', { mode: 'advanced' });
    await bob.accept(inviteID);

    const flood = await Promise.all(Array.from({ length: 100 }, (_, i) => outcome(alice.sendMediaSignal(inviteID, 'bob', `c${i}`))));
    const ok = flood.filter((o) => o === 'ok').length;
    expect(ok).toBeGreaterThanOrEqual(20);
    expect(ok).toBeLessThan(100);
    for (const o of flood) if (o !== 'ok') expect(o).toMatchObject({ code: 'RATE_LIMITED' });
    // The same second, the app's own requests still go through.
    await expect(alice.queryInvitations({ count: 1 })).resolves.toBeDefined();
    await until(() => signalsOf(bob, inviteID).length === ok, 5000, 'the accepted signals');
  });

  it('the device in the call drops its network and comes back: signals reach it again', async () => {
    const server = await startServer();
    const alice = await connectClient(server, 'alice');
    const bob = await connectClient(server, 'bob', { deviceID: 'phone' });
    const { inviteID } = await alice.invite('bob', { mode: 'advanced' });
    await bob.accept(inviteID);

    dropConnections(server, 'bob');
    await until(() => bob.connectionState === 'reconnecting', 5000, 'bob reconnecting');
    await until(() => bob.connectionState === 'connected', 10_000, 'bob back');
    await alice.sendMediaSignal(inviteID, 'bob', 'restart ice');
    expect(await bob.next('mediaSignal', (e) => e.signal === 'restart ice')).toMatchObject({ from: 'alice' });
    await bob.sendMediaSignal(inviteID, 'alice', 'answer');
    expect(await alice.next('mediaSignal', (e) => e.signal === 'answer')).toMatchObject({ fromDeviceID: 'phone' });
  });

  it("the device in the call dies; bob continues the call on his laptop (join): the laptop gets the signals, and once he is gone for good nobody does", async () => {
    const server = await startServer({ limits: { callerGraceSeconds: 1 } });
    const alice = await connectClient(server, 'alice');
    const phone = await connectClient(server, 'bob', { deviceID: 'phone' });
    const { inviteID } = await alice.invite('bob', { mode: 'advanced' });
    await phone.accept(inviteID);

    await crashDevice(server, phone);
    const laptop = await connectClient(server, 'bob', { deviceID: 'laptop' });
    expect(laptop.detachedCallIDs).toEqual([inviteID]);
    // Until the laptop takes the call, it is not the device in the call.
    expect(await outcome(laptop.sendMediaSignal(inviteID, 'alice', 'x'))).toMatchObject({ code: 'INVITATION_NOT_FOUND' });
    await laptop.join(inviteID);
    await alice.sendMediaSignal(inviteID, 'bob', 'offer after the move');
    expect(await laptop.next('mediaSignal')).toMatchObject({ from: 'alice', signal: 'offer after the move' });
    await laptop.sendMediaSignal(inviteID, 'alice', 'answer from the laptop');
    expect(await alice.next('mediaSignal')).toMatchObject({ fromDeviceID: 'laptop' });

    // The laptop dies too and stays away past the grace period: bob is out and the call is over.
    await crashDevice(server, laptop);
    await until(() => alice.getInvitation(inviteID)?.state === 'ended', 10_000, 'the call to end');
    expect(await outcome(alice.sendMediaSignal(inviteID, 'bob', 'anyone?'))).toMatchObject({ code: 'INVITATION_NOT_FOUND' });
  });
});
