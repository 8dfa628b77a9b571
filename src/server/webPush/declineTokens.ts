import { createHmac } from 'node:crypto';
import { SignJWT, jwtVerify } from 'jose';
import { randomID } from '../../engine/randomID.js';

const AUDIENCE = 'ringkit:push-decline';

/**
 * What a valid decline token names.
 * @example const { userID, inviteID } = await tokens.verify(token)
 */
export interface DeclineClaims {
  userID: string;
  inviteID: string;
  /** The token's own ID (what makes it single-use). */
  tokenID: string;
  /** Expiry, ms. */
  expiresAt: number;
}

/**
 * Signs and checks the decline tokens a ring push carries: HS256 JWTs (`sub` = userID, `inv` =
 * inviteID, `jti`, `exp`, audience `ringkit:push-decline`) with a secret derived from the VAPID
 * private key (HMAC-SHA256), so every node of a cluster shares it without another setting.
 * Single use is the caller's part (a marker per `jti` in storage).
 * @example
 * const tokens = createDeclineTokens(vapidPrivateKey)
 * const token = await tokens.sign('bob', inviteID, Date.now() + 30_000)
 */
export function createDeclineTokens(vapidPrivateKey: string) {
  const secret = createHmac('sha256', vapidPrivateKey).update('ringkit web push decline token v1').digest();
  return {
    sign(userID: string, inviteID: string, expiresAt: number): Promise<string> {
      return new SignJWT({ inv: inviteID })
        .setProtectedHeader({ alg: 'HS256' })
        .setSubject(userID)
        .setAudience(AUDIENCE)
        .setJti(randomID())
        .setIssuedAt()
        .setExpirationTime(Math.ceil(expiresAt / 1000))
        .sign(secret);
    },

    /** The token's claims; throws when it is malformed, forged, for another purpose or expired. */
    async verify(token: string): Promise<DeclineClaims> {
      const { payload } = await jwtVerify(token, secret, { audience: AUDIENCE, algorithms: ['HS256'], requiredClaims: ['sub', 'jti', 'exp'] });
      if (typeof payload.inv !== 'string' || typeof payload.sub !== 'string' || typeof payload.jti !== 'string') throw new Error('not a decline token');
      return { userID: payload.sub, inviteID: payload.inv, tokenID: payload.jti, expiresAt: payload.exp! * 1000 };
    },
  };
}
