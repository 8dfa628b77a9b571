import { RingkitError, type RingkitErrorCode } from '../protocol/errors.js';

/**
 * Throws a RingkitError; used by every rule.
 * @example if (!user) fail('NO_PERMISSION', 'only invitees may accept')
 */
export function fail(code: RingkitErrorCode, message: string): never {
  throw new RingkitError(code, message);
}
