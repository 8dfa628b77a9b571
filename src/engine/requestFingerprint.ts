/**
 * What a requestID is bound to: the command and its parameters (the requestID itself left out),
 * as a short hash of their canonical JSON (object keys sorted). Not cryptographic — it tells a
 * retry from a reuse of the same key for something else, as payment APIs do; a user can only
 * ever collide with their own requests. Payloads JSON cannot encode (too deep) hash as such and
 * are refused by validation anyway.
 * @example requestFingerprint('invitation:cancel', { inviteID, requestID: 'r1' }) === requestFingerprint('invitation:cancel', { requestID: 'r1', inviteID })
 */
export function requestFingerprint(name: string, payload: unknown): string {
  let canonical: string;
  try {
    const params = payload !== null && typeof payload === 'object' && !Array.isArray(payload) ? { ...payload, requestID: undefined } : payload;
    canonical = JSON.stringify([name, params], (_key, value: unknown) =>
      value !== null && typeof value === 'object' && !Array.isArray(value)
        ? Object.fromEntries(Object.keys(value).sort().map((k) => [k, (value as Record<string, unknown>)[k]]))
        : value,
    );
  } catch {
    canonical = `${name}\u0000unencodable`;
  }
  return cyrb53(canonical).toString(36);
}

/** cyrb53: a fast 53-bit string hash with good spread (public domain, bryc). */
function cyrb53(text: string): number {
  let h1 = 0xdeadbeef;
  let h2 = 0x41c6ce57;
  for (let i = 0; i < text.length; i++) {
    const ch = text.charCodeAt(i);
    h1 = Math.imul(h1 ^ ch, 2654435761);
    h2 = Math.imul(h2 ^ ch, 1597334677);
  }
  h1 = Math.imul(h1 ^ (h1 >>> 16), 2246822507) ^ Math.imul(h2 ^ (h2 >>> 13), 3266489909);
  h2 = Math.imul(h2 ^ (h2 >>> 16), 2246822507) ^ Math.imul(h1 ^ (h1 >>> 13), 3266489909);
  return 4294967296 * (2097151 & h2) + (h1 >>> 0);
}
