const BASE64URL = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_';
/** Random bytes drawn from Web Crypto 4 KiB at a time (one call per 256 IDs, not per ID). */
const pool = new Uint8Array(4096);
let used = pool.length;

/**
 * 128 random bits as 22 URL-safe characters (Web Crypto: works in Node and browsers).
 * @example const inviteID = randomID()
 */
export function randomID(): string {
  if (used + 16 > pool.length) {
    crypto.getRandomValues(pool);
    used = 0;
  }
  const b = pool;
  const start = used;
  used += 16;
  let id = '';
  // 5 groups of 3 bytes → 20 characters, then the last byte → 2 characters (base64url, no padding).
  for (let i = start; i < start + 15; i += 3) {
    const n = (b[i]! << 16) | (b[i + 1]! << 8) | b[i + 2]!;
    id += BASE64URL[n >> 18]! + BASE64URL[(n >> 12) & 63]! + BASE64URL[(n >> 6) & 63]! + BASE64URL[n & 63]!;
  }
  const last = b[start + 15]!;
  return id + BASE64URL[last >> 2]! + BASE64URL[(last & 3) << 4]!;
}
