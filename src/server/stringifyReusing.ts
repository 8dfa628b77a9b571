/**
 * How many invitations' JSON `invitationJSON` remembers (the most recently encoded): a change's
 * update and its answer are written within a few microtasks of each other, other calls' packets
 * between them are few.
 */
const REMEMBERED = 8;
const remembered: (object | undefined)[] = new Array<object | undefined>(REMEMBERED).fill(undefined);
const rememberedJSON: string[] = new Array<string>(REMEMBERED).fill('');
let nextSlot = 0;

/**
 * `JSON.stringify(invitation)`, taken from a small cache when a frozen invitation (a committed
 * version, which nothing changes) was encoded a moment ago: a 1v1 change's update and its
 * answer carry the same invitation, which was encoded twice (a fifth of the server's encoding).
 * A non-frozen object is encoded every time.
 * @example const json = invitationJSON(update.invitation)
 */
export function invitationJSON(invitation: object): string {
  for (let i = 0; i < REMEMBERED; i++) if (remembered[i] === invitation) return rememberedJSON[i]!;
  const json = JSON.stringify(invitation);
  if (Object.isFrozen(invitation)) {
    remembered[nextSlot] = invitation;
    rememberedJSON[nextSlot] = json;
    nextSlot = (nextSlot + 1) % REMEMBERED;
  }
  return json;
}

/** Whether `value` is an object `JSON.stringify` would write key by key with no `toJSON` of its own. */
const isPlainObject = (value: object): value is Record<string, unknown> =>
  !Array.isArray(value) && Object.getPrototypeOf(value) === Object.prototype && typeof (value as { toJSON?: unknown }).toJSON !== 'function';

/**
 * `JSON.stringify(value)`, byte for byte, with `reuse` (wherever it appears among the plain
 * objects of the first `depth` levels) written from `invitationJSON`: an answer `{ ok, result: {
 * invitation } }` and an update `{ invitation, baseVersion, serverTime }` reuse the JSON of the
 * invitation they share. Plain objects are written as `JSON.stringify` does (own enumerable keys
 * in order, `undefined`, functions and symbols left out), anything else by `JSON.stringify` itself.
 * @example stringifyReusing({ ok: true, result: { invitation } }, invitation) === JSON.stringify({ ok: true, result: { invitation } })
 */
export function stringifyReusing(value: unknown, reuse: object | undefined, depth = 3): string | undefined {
  if (reuse === undefined || !isPlainObject(reuse)) return JSON.stringify(value);
  if (value === reuse) return invitationJSON(reuse);
  if (depth === 0 || typeof value !== 'object' || value === null || !isPlainObject(value)) return JSON.stringify(value);
  let out = '{';
  for (const key of Object.keys(value)) {
    const json = stringifyReusing(value[key], reuse, depth - 1);
    if (json === undefined) continue;
    out += `${out.length === 1 ? '' : ','}${JSON.stringify(key)}:${json}`;
  }
  return `${out}}`;
}
