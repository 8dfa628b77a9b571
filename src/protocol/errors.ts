/**
 * Every error code of docs/protocol.md section 8, plus `INTERNAL`.
 * @example ERROR_CODES.includes(code)
 */
export const ERROR_CODES = [
  'INVALID_PARAMETER',
  'PAYLOAD_TOO_LARGE',
  'UNAUTHENTICATED',
  'INVITATION_NOT_FOUND',
  'NO_PERMISSION',
  'INVALID_STATE',
  'ALREADY_EXISTS',
  'NOT_GROUP_MEMBER',
  'NO_VALID_INVITEE',
  'CALL_USER_LIMIT',
  'ALREADY_PRIMARY_DEVICE',
  'RATE_LIMITED',
  'TOO_MANY_DEVICES',
  'REQUEST_TIMEOUT',
  'NOT_CONNECTED',
  'INTERNAL',
] as const;

/**
 * A stable error code; `INTERNAL` covers server faults (e.g. storage unreachable) that are not the caller's.
 * @example if (err.code === 'INVALID_STATE') showToast('Already answered')
 */
export type RingkitErrorCode = (typeof ERROR_CODES)[number];

/**
 * An error as it travels on the wire.
 * @example const wire: WireError = { code: 'NO_PERMISSION', message: 'only the inviter may cancel' }
 */
export interface WireError {
  code: RingkitErrorCode;
  message: string;
}

/**
 * The one error type every ringkit operation rejects with.
 * @example
 * try { await client.accept(id) } catch (e) { if (e instanceof RingkitError) console.log(e.code) }
 */
export class RingkitError extends Error {
  override readonly name = 'RingkitError';
  constructor(
    readonly code: RingkitErrorCode,
    message: string,
  ) {
    super(message);
  }

  /** The wire form of this error. */
  toJSON(): WireError {
    return { code: this.code, message: this.message };
  }

  /**
   * Rebuilds an error from its wire form (unknown codes become `INTERNAL`).
   * @example throw RingkitError.from(ack.error)
   */
  static from(wire: { code?: unknown; message?: unknown }): RingkitError {
    const code = ERROR_CODES.includes(wire.code as RingkitErrorCode) ? (wire.code as RingkitErrorCode) : 'INTERNAL';
    return new RingkitError(code, typeof wire.message === 'string' ? wire.message : String(wire.code));
  }
}

/**
 * Whether a value is a RingkitError (also across bundle copies).
 * @example if (isRingkitError(e) && e.code === 'NOT_CONNECTED') retryLater()
 */
export function isRingkitError(value: unknown): value is RingkitError {
  return value instanceof RingkitError || (value instanceof Error && value.name === 'RingkitError' && 'code' in value);
}
