import fc from 'fast-check';
import { expect } from 'vitest';
import { mergeUpdate } from '../../src/client/mergeUpdate.js';
import { createEngine } from '../../src/engine/createEngine.js';
import { createMemoryGroupDirectory } from '../../src/engine/memory/createMemoryGroupDirectory.js';
import type { RingkitStorage } from '../../src/engine/storage.js';
import type { CommandName } from '../../src/protocol/commands.js';
import { isPending, type Invitation } from '../../src/protocol/types.js';
import type { WireAck, WireUpdate } from '../../src/protocol/wire.js';
import { manualClock } from '../support/manualClock.js';
import { InvitationModel, type Operation, type Outcome } from './invitationModel.js';

/** Four users (u3 outside the group), two devices each. */
export const USERS = ['u0', 'u1', 'u2', 'u3'] as const;
const GROUP = 'g';
const GROUP_MEMBERS = new Set(['u0', 'u1', 'u2']);
const DEVICES = ['d1', 'd2'] as const;
const GRACE_SECONDS = 35;

/** One step of a run, as fast-check generates (and shrinks) it. */
export type Step =
  | { kind: 'invite'; by: number; invitees: number[]; mode: 'normal' | 'advanced'; timeout: number; onlineUserOnly: boolean; group: boolean }
  | { kind: 'operate'; by: number; involved: boolean; op: Operation; inv: number; invitees: number[]; data: string }
  | { kind: 'connect' | 'disconnect'; user: number; device: number }
  | { kind: 'advance'; seconds: number };

const OPERATIONS: Operation[] = ['cancel', 'accept', 'reject', 'modify', 'received', 'callingInvite', 'join', 'quit', 'end'];
const someUsers = fc.uniqueArray(fc.nat(3), { minLength: 1, maxLength: 3 });

/** Arbitrary runs: invitations in both modes, every operation, devices coming and going, time passing. */
export const stepArbitrary: fc.Arbitrary<Step> = fc.oneof(
  { weight: 3, arbitrary: fc.record({ kind: fc.constant('invite' as const), by: fc.nat(7), invitees: someUsers, mode: fc.constantFrom('normal' as const, 'advanced' as const), timeout: fc.constantFrom(0, 5, 30), onlineUserOnly: fc.boolean(), group: fc.boolean() }) },
  { weight: 6, arbitrary: fc.record({ kind: fc.constant('operate' as const), by: fc.nat(7), involved: fc.boolean(), op: fc.constantFrom(...OPERATIONS), inv: fc.nat(5), invitees: someUsers, data: fc.constantFrom('a', 'b') }) },
  { weight: 3, arbitrary: fc.record({ kind: fc.constantFrom('connect' as const, 'disconnect' as const), user: fc.nat(3), device: fc.nat(1) }) },
  { weight: 2, arbitrary: fc.record({ kind: fc.constant('advance' as const), seconds: fc.constantFrom(1, 5, 20, 40) }) },
);

/**
 * Runs `steps` against the real engine on `storage` and against the model, checking after every
 * step that they agree and that the invariants of issue 13 hold. Every device starts online.
 */
export async function runAgainstModel(storage: RingkitStorage, steps: Step[]): Promise<void> {
  const clock = manualClock();
  const groups = createMemoryGroupDirectory();
  await groups.createGroup(GROUP, [...GROUP_MEMBERS]);
  const model = new InvitationModel(clock.now(), GROUP, GROUP_MEMBERS, GRACE_SECONDS * 1000);
  const online = (userID: string) => model.isOnline(userID);
  /** Each user's client mirror, fed like the client feeds it: pushes while online, acks, and sync on connect. */
  const mirrors = new Map<string, Map<string, Invitation>>(USERS.map((u) => [u, new Map()]));
  const deliveries: { userID: string; update: WireUpdate }[] = [];
  let ids = 0;
  const engine = createEngine({
    storage,
    groups,
    clock,
    coalesceWindowMs: 0,
    limits: { requestsPerSecond: 1e9, callerGraceSeconds: GRACE_SECONDS },
    generateID: () => `inv${ids++}`,
    deliver: (userIDs, update) => userIDs.filter(online).forEach((userID) => deliveries.push({ userID, update })),
  });
  const session = (userID: string, deviceID: string) => ({ userID, deviceID, connectionID: `${userID}/${deviceID}` });
  const execute = async (userID: string, deviceID: string, name: CommandName, params: object) => {
    let ack: WireAck<unknown> | undefined;
    await engine.execute(session(userID, deviceID), name, params as never, (a) => (ack = a as WireAck<unknown>));
    return ack!;
  };
  const created: string[] = [];
  const lastVersion = new Map<string, number>();
  const endedSnapshots = new Map<string, string>();

  const apply = async (userID: string, update: WireUpdate, fromAck = false) => {
    const mirror = mirrors.get(userID)!;
    const prev = mirror.get(update.invitation.inviteID);
    if (prev && prev.version >= update.invitation.version) return;
    let next = mergeUpdate(prev, update);
    if (!next && fromAck) return; // like the client: the push of this change brings what the mirror lacks
    if (!next) {
      const fetched = await execute(userID, 'd1', 'invitation:get', { inviteID: update.invitation.inviteID });
      if (!fetched.ok) return;
      next = (fetched.result as { invitation: Invitation }).invitation;
    }
    mirror.set(next.inviteID, next);
  };
  /** A mutation's answer: its invitation, possibly a delta against `baseVersion` (see ChangeAck). */
  const applyAck = async (userID: string, result: unknown) => {
    const { invitation, baseVersion } = result as { invitation?: Invitation; baseVersion?: number };
    if (invitation) await apply(userID, { invitation, serverTime: clock.now(), ...(baseVersion !== undefined && { baseVersion }) }, true);
  };
  const drain = async () => {
    for (const { userID, update } of deliveries.splice(0)) {
      const inv = model.invitations.get(update.invitation.inviteID)!;
      // Nobody outside those who may see it hears of an invitation, nor anyone offline at an onlineUserOnly invite.
      expect(model.canSee(inv, userID), `${userID} was sent ${inv.inviteID}`).toBe(true);
      expect(inv.offlineAtInvite.has(userID), `${userID} was offline at onlineUserOnly ${inv.inviteID} but was sent it`).toBe(false);
      await apply(userID, update);
    }
  };
  const sync = async (userID: string, deviceID: string) => {
    const known = Object.fromEntries([...mirrors.get(userID)!.values()].filter((i) => i.state === 'active').map((i) => [i.inviteID, i.version]));
    const ack = await execute(userID, deviceID, 'session:sync', { known });
    expect(ack.ok).toBe(true);
    const result = (ack as { result: { updates: WireUpdate[]; unknown: string[] } }).result;
    expect(result.unknown).toEqual([]);
    for (const update of result.updates) {
      const inv = model.invitations.get(update.invitation.inviteID)!;
      expect(inv.offlineAtInvite.has(userID), `${userID} synced onlineUserOnly ${inv.inviteID}`).toBe(false);
      await apply(userID, update);
    }
  };
  const connect = async (userID: string, deviceID: string) => {
    if (model.devices.get(userID)?.has(deviceID)) return;
    await engine.connect(session(userID, deviceID));
    model.connect(userID, deviceID);
    await sync(userID, deviceID);
  };
  for (const u of USERS) for (const d of DEVICES) await connect(u, d);

  const expectOutcome = (what: string, ack: WireAck<unknown>, predicted: Outcome, before?: Invitation, after?: Invitation) => {
    expect(ack.ok ? 'ok' : (ack as { error: { code: string } }).error.code, what).toBe(predicted.ok ? 'ok' : predicted.code);
    if (predicted.ok && before && after) expect(after.version > before.version, `${what} changed the invitation`).toBe(predicted.changed);
    if (!predicted.ok && before && after) expect(after, `${what} failed but changed the invitation`).toEqual(before);
  };

  for (const [index, step] of steps.entries()) {
    const what = `step ${index} ${JSON.stringify(step)}`;
    clock.advance(1); // distinct command times: no deadline ever ties with a grace period
    model.fireAt(clock.now());
    if (step.kind === 'connect' || step.kind === 'disconnect') {
      const [userID, deviceID] = [USERS[step.user]!, DEVICES[step.device]!];
      if (step.kind === 'connect') await connect(userID, deviceID);
      else if (model.devices.get(userID)?.has(deviceID)) {
        await engine.disconnect(session(userID, deviceID));
        model.disconnect(userID, deviceID);
      }
    } else if (step.kind === 'advance') {
      const target = clock.now() + step.seconds * 1000;
      for (let at = model.nextTimer(); at !== undefined && at <= target; at = model.nextTimer()) {
        clock.advance(Math.max(0, at - clock.now()));
        model.fireAt(at);
        await engine.runDueTimers();
        await drain();
      }
      clock.advance(target - clock.now());
      model.fireAt(target);
      await engine.runDueTimers();
    } else if (step.kind === 'invite' || step.kind === 'operate') {
      // Most operations come from someone the invitation concerns (else nearly all would be INVITATION_NOT_FOUND).
      const target = step.kind === 'operate' && created.length > 0 ? created[created.length - 1 - (step.inv % created.length)]! : 'nosuchinvite';
      const concerned = (u: string) => {
        const inv = model.invitations.get(target);
        return !(step.kind === 'operate' && step.involved && inv) || inv.inviter === u || inv.users.has(u);
      };
      let actors = [...model.devices].flatMap(([u, ds]) => [...ds].map((d) => [u, d] as const)).sort();
      if (actors.some(([u]) => concerned(u))) actors = actors.filter(([u]) => concerned(u));
      if (actors.length === 0) continue;
      const [userID, deviceID] = actors[step.by % actors.length]!;
      const invitees = step.invitees.map((i) => USERS[i]!).filter((u) => u !== userID);
      if (step.kind === 'invite') {
        if (invitees.length === 0) continue;
        const inviteID = `inv${ids}`;
        const params = { invitees, mode: step.mode, timeout: step.timeout, onlineUserOnly: step.onlineUserOnly, ...(step.group && { groupID: GROUP }) };
        const ack = await execute(userID, deviceID, step.group ? 'invitation:inviteInGroup' : 'invitation:invite', params);
        const predicted = model.invite(inviteID, userID, deviceID, invitees, step);
        expectOutcome(what, ack, predicted);
        if (ack.ok) created.push(inviteID);
        else ids--; // the engine made no invitation, so the model's next ID is still free
        if (ack.ok) await applyAck(userID, ack.result);
      } else if (step.kind === 'operate') {
        const inviteID = target;
        if (step.op === 'callingInvite' && invitees.length === 0) continue;
        const before = await storage.getInvitation(inviteID);
        const params = { inviteID, ...(step.op === 'modify' && { data: step.data }), ...(step.op === 'callingInvite' && { invitees }) };
        const ack = await execute(userID, deviceID, `invitation:${step.op}` as CommandName, params);
        const timeout = before?.timeout ?? 0;
        const predicted = model.operate(inviteID, userID, deviceID, step.op, { invitees, data: step.data, timeout });
        expectOutcome(what, ack, predicted, before, await storage.getInvitation(inviteID));
        if (ack.ok) await applyAck(userID, ack.result);
      }
    }
    await drain();
    await checkAgreement(what);
  }

  /** The engine's stored invitations equal the model's, the invariants hold, and every recipient's mirror is the snapshot. */
  async function checkAgreement(what: string) {
    const stored = await storage.getInvitations(created);
    for (const [i, inv] of stored.entries()) {
      const m = model.invitations.get(created[i]!)!;
      expect(inv, `${what}: ${created[i]} missing`).toBeDefined();
      const users = Object.fromEntries(inv!.users.map((u) => [u.userID, { state: u.state, deadline: u.deadline }]));
      const expected = Object.fromEntries([...m.users].map(([id, u]) => [id, { state: u.state, deadline: u.deadline }]));
      expect({ state: inv!.state, data: inv!.data, users }, `${what}: ${m.inviteID} engine vs model`).toEqual({ state: m.state, data: m.data, users: expected });
      // Versions only grow; an ended invitation never changes again.
      expect(inv!.version, `${what}: version of ${m.inviteID}`).toBeGreaterThanOrEqual(lastVersion.get(m.inviteID) ?? 0);
      lastVersion.set(m.inviteID, inv!.version);
      const frozen = endedSnapshots.get(m.inviteID);
      if (frozen !== undefined) expect(JSON.stringify(inv), `${what}: ${m.inviteID} changed after it ended`).toBe(frozen);
      else if (inv!.state === 'ended') endedSnapshots.set(m.inviteID, JSON.stringify(inv));
      // Nobody pending after their deadline.
      for (const u of inv!.users) if (inv!.state === 'active' && isPending(u.state) && u.deadline !== undefined) expect(u.deadline, `${what}: ${u.userID} pending past the deadline`).toBeGreaterThan(clock.now());
      // Every online recipient's mirror equals the snapshot.
      for (const userID of model.recipients(m)) {
        if (!online(userID) || m.offlineAtInvite.has(userID)) continue;
        if (m.onlineUserOnly && m.inviter !== userID && !m.users.has(userID)) continue;
        expect(mirrors.get(userID)!.get(m.inviteID), `${what}: ${userID}'s mirror of ${m.inviteID}`).toEqual(inv);
      }
    }
  }
}
