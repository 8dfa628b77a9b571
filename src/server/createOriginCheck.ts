import type { IncomingMessage } from 'node:http';

/**
 * The origins a browser may connect from: `'*'` for any, else exact origins such as
 * `https://app.example.com` (scheme, host and port; compared case-insensitively).
 * @example const allowed: AllowedOrigins = ['https://app.example.com', 'http://localhost:5173']
 */
export type AllowedOrigins = '*' | readonly string[];

/**
 * Builds socket.io's `allowRequest` for an origin allow-list. A handshake that carries an
 * `Origin` header (every browser sends one, also on WebSocket upgrades, which CORS does not
 * cover) must name an allowed origin; one without it (a native app, a server) is not a
 * cross-site request and passes. This is what stops cross-site WebSocket hijacking when
 * `authenticate()` relies on cookies.
 * @example new Server(http, { allowRequest: createOriginCheck(['https://app.example.com']) })
 */
export function createOriginCheck(allowed: AllowedOrigins): (req: IncomingMessage, callback: (err: string | null | undefined, success: boolean) => void) => void {
  const set = allowed === '*' ? undefined : new Set(allowed.map(normalizeOrigin));
  return (req, callback) => {
    const origin = req.headers.origin;
    if (set === undefined || origin === undefined || set.has(normalizeOrigin(origin))) return callback(null, true);
    callback('origin not allowed', false);
  };
}

/**
 * An origin in its canonical form; anything unparsable stays as given (and matches nothing real).
 * @example normalizeOrigin('HTTPS://App.example.com:443/') // 'https://app.example.com'
 */
export function normalizeOrigin(origin: string): string {
  try {
    return new URL(origin).origin;
  } catch {
    return origin;
  }
}
