/**
 * 128 random bits as 22 URL-safe characters (Web Crypto: works in Node and browsers).
 * @example const inviteID = randomID()
 */
export function randomID(): string {
  const bytes = crypto.getRandomValues(new Uint8Array(16));
  let binary = '';
  for (const b of bytes) binary += String.fromCharCode(b);
  return btoa(binary).replace(/\+/g, '-').replace(/\//g, '_').replace(/=+$/, '');
}
