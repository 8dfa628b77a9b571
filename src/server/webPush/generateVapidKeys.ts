import { generateKeyPairSync } from 'node:crypto';

/**
 * A VAPID key pair, base64url as browsers and `web-push` take them.
 * @example const { publicKey, privateKey }: VapidKeys = generateVapidKeys()
 */
export interface VapidKeys {
  /** 65 bytes, uncompressed P-256 point: give it to the browser (`applicationServerKey`). */
  publicKey: string;
  /** 32 bytes: keep it on the server. */
  privateKey: string;
}

/**
 * Makes a VAPID key pair (ECDSA P-256) for the server's `webPush` option; the CLI's
 * `ringkit-server vapid-keys` prints one.
 * @example
 * const keys = generateVapidKeys()
 * await createRingkitServer({ webPush: { vapidPublicKey: keys.publicKey, vapidPrivateKey: keys.privateKey, subject: 'mailto:ops@example.com' } })
 */
export function generateVapidKeys(): VapidKeys {
  const { publicKey, privateKey } = generateKeyPairSync('ec', { namedCurve: 'prime256v1' });
  const jwk = privateKey.export({ format: 'jwk' });
  const pub = publicKey.export({ format: 'jwk' });
  const point = Buffer.concat([Buffer.from([4]), Buffer.from(pub.x!, 'base64url'), Buffer.from(pub.y!, 'base64url')]);
  return { publicKey: point.toString('base64url'), privateKey: jwk.d! };
}
