/**
 * Input schemas for every command on the wire (zod). Structural rules live here; the
 * configurable limits (data bytes, invitee counts, timeout range) are checked by the engine.
 * @module
 */
import { z } from 'zod';
import { MAX_PAGE_SIZE } from './limits.js';

const encoder = new TextEncoder();

/**
 * UTF-8 byte length of a string.
 * @example utf8Bytes('é') // 2
 */
export function utf8Bytes(value: string): number {
  return encoder.encode(value).length;
}

/** C0 and C1 controls, and the invisible direction marks and overrides that can make one ID look like another. */
// eslint-disable-next-line no-control-regex
const CONTROL_CHARS = /[\u0000-\u001f\u007f-\u009f\u061c\u200e\u200f\u202a-\u202e\u2066-\u2069]/;

/**
 * A userID or groupID: 1–64 UTF-8 bytes, no control characters (C0, C1) or bidi controls, no
 * leading/trailing space.
 * @example idSchema.safeParse(' bob').success // false
 */
export const idSchema = z
  .string()
  .refine((s) => utf8Bytes(s) >= 1 && utf8Bytes(s) <= 64, 'must be 1–64 UTF-8 bytes')
  .refine((s) => !CONTROL_CHARS.test(s), 'must not contain control characters')
  .refine((s) => s.trim() === s, 'must not start or end with white space');

/**
 * A server-generated invitation ID (URL-safe).
 * @example const inviteID = inviteIDSchema.parse(result.inviteID)
 */
const inviteIDSchema = z.string().regex(/^[A-Za-z0-9_-]{1,64}$/, 'not an inviteID');

const requestID = z.string().min(1).max(64).optional();
/** Custom data; its byte limit is configurable and checked by the engine. */
const data = z.string().max(1_000_000).optional();
const userList = z.array(idSchema).min(1).max(10_000);

/**
 * `offlinePushInfo` as docs/protocol.md section 6 describes it.
 * @example offlinePushInfoSchema.parse({ title: 'Alice', desc: 'Incoming call' })
 */
const offlinePushInfoSchema = z.strictObject({
  title: z.string().max(1024).optional(),
  desc: z.string().min(1).max(4096),
  payload: z.string().max(8192).optional(),
  sound: z.string().max(256).optional(),
});

const base64url = /^[A-Za-z0-9_-]+={0,2}$/;

/**
 * A browser's push subscription as `PushSubscription.toJSON()` gives it (`PushSubscriptionData`).
 * @example pushSubscriptionSchema.parse(subscription.toJSON())
 */
const pushSubscriptionSchema = z.object({
  endpoint: z.string().max(2048).url(),
  expirationTime: z.number().nullable().optional(),
  keys: z.object({
    p256dh: z.string().min(1).max(256).regex(base64url, 'must be base64url'),
    auth: z.string().min(1).max(128).regex(base64url, 'must be base64url'),
  }),
});

const busyPolicy = z.enum(['ring', 'reject']).optional();

/** Options shared by `invite` and `inviteInGroup`. */
const inviteOptions = {
  requestID,
  data,
  timeout: z.number().int().optional(),
  mode: z.enum(['normal', 'advanced']).optional(),
  onlineUserOnly: z.boolean().optional(),
  offlinePushInfo: offlinePushInfoSchema.optional(),
  enableNotReceivedCheck: z.boolean().optional(),
  busyPolicy,
};

const conversationSchema = z.discriminatedUnion('type', [
  z.strictObject({ type: z.literal('c2c'), userID: idSchema }),
  z.strictObject({ type: z.literal('group'), groupID: idSchema }),
]);

const withInvitation = { requestID, inviteID: inviteIDSchema, data };

/**
 * The payload schema of every client → server command, by wire name.
 * @example const p = commandSchemas['invitation:accept'].parse({ inviteID, data: 'ok' })
 */
export const commandSchemas = {
  'invitation:invite': z.strictObject({ invitees: userList, ...inviteOptions }),
  'invitation:inviteInGroup': z.strictObject({ groupID: idSchema, invitees: userList, ...inviteOptions }),
  'invitation:cancel': z.strictObject({ ...withInvitation, invitees: userList.optional() }),
  'invitation:accept': z.strictObject(withInvitation),
  'invitation:reject': z.strictObject(withInvitation),
  'invitation:modify': z.strictObject({ ...withInvitation, data: z.string().max(1_000_000) }),
  'invitation:callingInvite': z.strictObject({
    ...withInvitation,
    invitees: userList,
    timeout: z.number().int().optional(),
    offlinePushInfo: offlinePushInfoSchema.optional(),
    busyPolicy,
  }),
  'invitation:join': z.strictObject(withInvitation),
  'invitation:quit': z.strictObject(withInvitation),
  'invitation:end': z.strictObject(withInvitation),
  'invitation:received': z.strictObject({ inviteID: inviteIDSchema }),
  'invitation:get': z.strictObject({ inviteID: inviteIDSchema }),
  'invitation:query': z.strictObject({
    count: z.number().int().min(1),
    nextFlag: z.number().int().min(0).optional(),
  }),
  'history:get': z.strictObject({
    conversation: conversationSchema,
    count: z.number().int().min(1).optional(),
    cursor: z.number().int().min(0).optional(),
  }),
  'session:missedSeen': z.strictObject({ inviteIDs: z.array(inviteIDSchema).max(10_000) }),
  'session:sync': z.strictObject({
    known: z.record(inviteIDSchema, z.number().int().min(0)).refine((r) => Object.keys(r).length <= 10_000),
  }),
  'session:leave': z.strictObject({}),
  'session:busy': z.strictObject({ busy: z.boolean() }),
  'session:pushSubscription': z.strictObject({ subscription: pushSubscriptionSchema.nullable() }),
  'group:create': z.strictObject({ requestID, groupID: idSchema, members: z.array(idSchema).max(10_000).optional() }),
  'group:join': z.strictObject({ requestID, groupID: idSchema }),
  'group:leave': z.strictObject({ requestID, groupID: idSchema }),
  'group:members': z.strictObject({ groupID: idSchema }),
  // A relay, not a change: no requestID (nothing to repeat safely). The byte limit is the engine's.
  'media:signal': z.strictObject({ inviteID: inviteIDSchema, to: idSchema, signal: z.string().min(1) }),
} as const;

/**
 * The `count` a paged read honours: `count` (or `fallback`) capped at `MAX_PAGE_SIZE`.
 * @example const page = await storage.listUserInvitations(userID, clampPage(p.count), p.nextFlag ?? 0)
 */
export const clampPage = (count: number | undefined, fallback = 20): number => Math.min(count ?? fallback, MAX_PAGE_SIZE);
