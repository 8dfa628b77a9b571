/**
 * The packed wire form of an invitation update: users as short rows instead of objects, so a
 * class of 1,000 receives about a third of the bytes and parses them in about half the time
 * (docs/protocol.md section 5, "How updates travel"). Clients ask for it in their handshake
 * (`auth.wire = PACKED_WIRE`); a client that does not gets the plain objects.
 * @module
 */
import type { CallUser, CallUserState } from './types.js';
import type { WireUpdate } from './wire.js';

/**
 * The `wire` value a client sends in its handshake auth to receive packed updates.
 * @example io(url, { auth: { deviceID, wire: PACKED_WIRE } })
 */
export const PACKED_WIRE = 2;

/** State codes of a row, in this order; a state not listed travels as its name. */
const STATES: readonly CallUserState[] = ['inviting', 'received', 'notYetReceived', 'accepted', 'rejected', 'cancelled', 'timeout', 'quit'];
const STATE_CODE = new Map(STATES.map((s, i) => [s, i]));

/** Fields a row holds by position; every other field travels in the row's `overrides` when it differs from the defaults. */
const POSITIONAL = new Set(['userID', 'state', 'version', 'updateTime', 'deviceID']);

/**
 * One user as a row: `[userID, state code, version, updateTime − t, deviceID or 0, overrides?]`;
 * `overrides` names the fields that differ from the update's defaults (`null` = absent), and a
 * row without overrides or deviceID is cut short.
 * @example const row: PackedRow = ['s17', 1, 42, 1830, 'dev-3']
 */
export type PackedRow = [string, number | string, number, number, (string | 0)?, Record<string, unknown>?];

/**
 * A packed update: the invitation without its users, the rows, the time base `t` and the
 * defaults the rows leave out.
 * @example const packed: PackedUpdate = { ...update, invitation: { ...invitation, users: [] }, rows, t: invitation.createTime, defaults: { data: '', timeout: 30 } }
 */
export interface PackedUpdate extends WireUpdate {
  rows: PackedRow[];
  t: number;
  defaults: Record<string, unknown>;
}

/**
 * Whether an update travels packed.
 * @example const update = isPacked(wire) ? unpackUpdate(wire) : wire
 */
export function isPacked(update: WireUpdate): update is PackedUpdate {
  return Array.isArray((update as Partial<PackedUpdate>).rows);
}

/**
 * Packs an update's users into rows (once per broadcast, on the server).
 * @example io.to(rooms).emit(UPDATE_EVENT, packUpdate(update))
 */
export function packUpdate(update: WireUpdate): PackedUpdate {
  const inv = update.invitation;
  const first = inv.users[0];
  const defaults: Record<string, unknown> = { data: '', timeout: first?.timeout ?? inv.timeout };
  if (first?.deadline !== undefined) defaults.deadline = first.deadline;
  const t = inv.createTime;
  const rows = inv.users.map((u): PackedRow => {
    let overrides: Record<string, unknown> | undefined;
    for (const key in u) {
      if (POSITIONAL.has(key)) continue;
      const value = (u as unknown as Record<string, unknown>)[key];
      if (value !== undefined && value !== defaults[key]) (overrides ??= {})[key] = value;
    }
    for (const key in defaults) if ((u as unknown as Record<string, unknown>)[key] === undefined) (overrides ??= {})[key] = null;
    // Each row made at its length: a push onto a 4-element literal grew its backing store to 22
    // slots (a class's update packs every member's row, once per update).
    const state = STATE_CODE.get(u.state) ?? u.state;
    const since = u.updateTime - t;
    if (overrides) return [u.userID, state, u.version, since, u.deviceID ?? 0, overrides];
    if (u.deviceID !== undefined) return [u.userID, state, u.version, since, u.deviceID];
    return [u.userID, state, u.version, since];
  });
  return { ...update, invitation: { ...inv, users: [] }, rows, t, defaults };
}

/**
 * Expands a packed update into the plain one (on the client).
 * @example listener.onUpdate(isPacked(wire) ? unpackUpdate(wire) : wire)
 */
export function unpackUpdate(packed: PackedUpdate): WireUpdate {
  const { rows, t, defaults } = packed;
  // The defaults packUpdate writes, read once; any other default (a newer server) is set per user.
  const data = defaults.data as string;
  const timeout = defaults.timeout as number;
  const deadline = defaults.deadline as number | undefined;
  const hasDeadline = 'deadline' in defaults;
  let others: string[] | undefined;
  for (const key in defaults) if (key !== 'data' && key !== 'timeout' && key !== 'deadline') (others ??= []).push(key);
  const users = new Array<CallUser>(rows.length);
  for (let i = 0; i < rows.length; i++) {
    const [userID, code, version, updateTime, deviceID, overrides] = rows[i]!;
    const state = typeof code === 'number' ? STATES[code]! : (code as CallUserState);
    // One object literal per shape (a class's users all share one): a field added afterwards
    // costs a hidden-class change per user, a thousand times per ring.
    let user: CallUser;
    if (hasDeadline) {
      user = deviceID
        ? { userID, state, data, updateTime: t + updateTime, timeout, deadline: deadline!, version, deviceID }
        : { userID, state, data, updateTime: t + updateTime, timeout, deadline: deadline!, version };
    } else {
      user = deviceID ? { userID, state, data, updateTime: t + updateTime, timeout, version, deviceID } : { userID, state, data, updateTime: t + updateTime, timeout, version };
    }
    if (others) for (const key of others) (user as unknown as Record<string, unknown>)[key] = defaults[key];
    if (overrides) {
      for (const key in overrides) {
        const value = overrides[key];
        if (value === null) delete (user as unknown as Record<string, unknown>)[key];
        else (user as unknown as Record<string, unknown>)[key] = value;
      }
    }
    users[i] = user;
  }
  // The update without the packing's fields, written out (a rest pattern and a spread of it cost a
  // runtime copy each, on every update a 1v1 call receives).
  const update: WireUpdate = { invitation: { ...packed.invitation, users }, serverTime: packed.serverTime };
  if (packed.baseVersion !== undefined) update.baseVersion = packed.baseVersion;
  if (packed.missed !== undefined) update.missed = packed.missed;
  return update;
}
