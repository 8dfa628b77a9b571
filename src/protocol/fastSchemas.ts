/**
 * Hand-written checks of the hottest commands' payloads (an invite, an answer, a receipt), run
 * before their zod schemas: a payload they accept is one the schema accepts unchanged, and it is
 * used as it is; anything else (any doubt: a non-ASCII ID, `offlinePushInfo`, an unknown key, a
 * wrong type) goes to the schema, which gives the error. Zod's parse of an invite cost about as
 * much as the rest of the server's work before the ring is written.
 * @module
 */
import type { CommandName, CommandPayload } from './commands.js';

const INVITE_ID = /^[A-Za-z0-9_-]{1,64}$/;
const MAX_DATA = 1_000_000;
const MAX_INVITEES = 10_000;

/** A plain object (what a JSON payload is), not an array. */
const isRecord = (value: unknown): value is Record<string, unknown> =>
  typeof value === 'object' && value !== null && !Array.isArray(value) && Object.getPrototypeOf(value) === Object.prototype;

/**
 * An ID that `idSchema` accepts for sure: 1–64 printable ASCII characters (bytes = characters, no
 * control character), not starting or ending with a space. Other IDs go to the schema.
 */
function isPlainID(value: unknown): boolean {
  if (typeof value !== 'string' || value.length === 0 || value.length > 64) return false;
  for (let i = 0; i < value.length; i++) {
    const c = value.charCodeAt(i);
    if (c < 0x20 || c > 0x7e) return false;
  }
  return value.charCodeAt(0) !== 0x20 && value.charCodeAt(value.length - 1) !== 0x20;
}

const optionalString = (value: unknown, max: number, min = 0) => value === undefined || (typeof value === 'string' && value.length >= min && value.length <= max);

/** Field checks of each fast command; a key not listed sends the payload to the schema. */
type FieldChecks = Record<string, (value: unknown) => boolean>;

const requestID = (v: unknown) => optionalString(v, 64, 1);
const data = (v: unknown) => optionalString(v, MAX_DATA);
const inviteID = (v: unknown) => typeof v === 'string' && INVITE_ID.test(v);
const withInvitation: FieldChecks = { requestID, inviteID, data };

const FAST: Partial<Record<CommandName, { fields: FieldChecks; required: string[] }>> = {
  'invitation:invite': {
    fields: {
      invitees: (v) => Array.isArray(v) && v.length >= 1 && v.length <= MAX_INVITEES && v.every(isPlainID),
      requestID,
      data,
      timeout: (v) => v === undefined || Number.isSafeInteger(v),
      mode: (v) => v === undefined || v === 'normal' || v === 'advanced',
      onlineUserOnly: (v) => v === undefined || typeof v === 'boolean',
      enableNotReceivedCheck: (v) => v === undefined || typeof v === 'boolean',
      busyPolicy: (v) => v === undefined || v === 'ring' || v === 'reject',
    },
    required: ['invitees'],
  },
  'invitation:accept': { fields: withInvitation, required: ['inviteID'] },
  'invitation:reject': { fields: withInvitation, required: ['inviteID'] },
  'invitation:join': { fields: withInvitation, required: ['inviteID'] },
  'invitation:quit': { fields: withInvitation, required: ['inviteID'] },
  'invitation:end': { fields: withInvitation, required: ['inviteID'] },
  'invitation:received': { fields: { inviteID }, required: ['inviteID'] },
};

/**
 * The payload itself when the command's fast check accepts it (its schema would return an equal
 * object), else undefined (check it with the schema).
 * @example const params = fastPayload(name, payload) ?? commandSchemas[name].parse(payload)
 */
export function fastPayload<N extends CommandName>(name: N, payload: unknown): CommandPayload<N> | undefined {
  const fast = FAST[name];
  if (!fast || !isRecord(payload)) return undefined;
  for (const key in payload) {
    // Own keys only: a payload's "__proto__" or "constructor" must not find Object.prototype's.
    const check = Object.hasOwn(fast.fields, key) ? fast.fields[key] : undefined;
    if (!check || payload[key] === undefined || !check(payload[key])) return undefined;
  }
  for (const key of fast.required) if (!(key in payload)) return undefined;
  return payload as CommandPayload<N>;
}
