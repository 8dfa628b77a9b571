import { createRemoteJWKSet, importSPKI, jwtVerify, type JWTVerifyGetKey } from 'jose';
import { RingkitError } from '../protocol/errors.js';
import { idSchema } from '../protocol/schemas.js';

/**
 * How the server learns who is connecting. Give exactly one of jwt, authenticate or dev.
 * @example const auth: AuthOptions = { authenticate: async ({ auth }) => sessions.userOf(auth.token) }
 */
export interface AuthOptions {
  /**
   * Verify a JWT: `sub` = userID; `exp` is required and enforced while connected; an `iat`
   * later than now (beyond `clockToleranceSeconds`) or a future `nbf` is refused.
   */
  jwt?: {
    /** HS256 shared secret. */
    secret?: string;
    /** RS256 public key (PEM, SPKI). */
    publicKey?: string;
    /** RS256 keys from a JWKS URL. */
    jwksUrl?: string;
    issuer?: string;
    audience?: string;
    /** Allowed clock skew between the token issuer and this server for `iat`. Default 60. */
    clockToleranceSeconds?: number;
  };
  /** Your own check: return the userID (and optionally when the session expires, ms). */
  authenticate?: (handshake: { auth: Record<string, unknown>; headers: Record<string, unknown> }) =>
    | Promise<string | { userID: string; expiresAt?: number }>
    | string
    | { userID: string; expiresAt?: number };
  /** DEVELOPMENT ONLY: trust the userID the client sends. Logged loudly. */
  dev?: boolean;
}

/**
 * Who connected, and until when the credentials hold.
 * @example const identity: Identity = { userID: 'alice', expiresAt: Date.now() + 3600_000 }
 */
export interface Identity {
  userID: string;
  expiresAt?: number;
}

const unauthenticated = (message: string) => new RingkitError('UNAUTHENTICATED', message);

/**
 * Builds the handshake check from `AuthOptions`.
 * @example const authenticate = await createAuthenticator({ jwt: { secret: process.env.JWT_SECRET } })
 */
export async function createAuthenticator(options: AuthOptions): Promise<(handshake: { auth: Record<string, unknown>; headers: Record<string, unknown> }) => Promise<Identity>> {
  const modes = [options.jwt, options.authenticate, options.dev || undefined].filter((m) => m !== undefined);
  if (modes.length !== 1) throw new Error('ringkit: configure exactly one of auth.jwt, auth.authenticate or auth.dev');

  const check = (userID: unknown): string => {
    const parsed = idSchema.safeParse(userID);
    if (!parsed.success) throw unauthenticated('the userID is not valid');
    return parsed.data;
  };

  if (options.dev) {
    return async (handshake) => ({ userID: check(handshake.auth.userID) });
  }
  if (options.authenticate) {
    const hook = options.authenticate;
    return async (handshake) => {
      let outcome: Awaited<ReturnType<typeof hook>>;
      try {
        outcome = await hook(handshake);
      } catch (error) {
        throw error instanceof RingkitError ? error : unauthenticated(error instanceof Error ? error.message : 'refused');
      }
      return typeof outcome === 'string' ? { userID: check(outcome) } : { ...outcome, userID: check(outcome.userID) };
    };
  }
  const jwt = options.jwt!;
  let key: Uint8Array | CryptoKey | JWTVerifyGetKey;
  let algorithms: string[];
  if (jwt.secret) {
    key = new TextEncoder().encode(jwt.secret);
    algorithms = ['HS256'];
  } else if (jwt.publicKey) {
    key = await importSPKI(jwt.publicKey, 'RS256');
    algorithms = ['RS256'];
  } else if (jwt.jwksUrl) {
    key = createRemoteJWKSet(new URL(jwt.jwksUrl));
    algorithms = ['RS256'];
  } else throw new Error('ringkit: auth.jwt needs secret, publicKey or jwksUrl');

  const toleranceSeconds = jwt.clockToleranceSeconds ?? 60;
  return async (handshake) => {
    const token = handshake.auth.token;
    if (typeof token !== 'string' || token.length === 0 || token.length > 8192) throw unauthenticated('a token is required');
    try {
      const { payload } = await jwtVerify(token, key as Uint8Array, {
        algorithms,
        requiredClaims: ['sub', 'exp'],
        ...(jwt.issuer !== undefined && { issuer: jwt.issuer }),
        ...(jwt.audience !== undefined && { audience: jwt.audience }),
      });
      const nowSeconds = Date.now() / 1000;
      // jose checks `iat` only against a maximum age; a token "issued" in the future is forged or from a broken clock.
      if (typeof payload.iat === 'number' && payload.iat > nowSeconds + toleranceSeconds) throw unauthenticated('invalid token: "iat" is in the future');
      return { userID: check(payload.sub), expiresAt: payload.exp! * 1000 };
    } catch (error) {
      if (error instanceof RingkitError) throw error;
      throw unauthenticated(`invalid token: ${error instanceof Error ? error.message : 'rejected'}`);
    }
  };
}
