import type { RingkitLimits } from '../protocol/limits.js';
import { utf8Bytes } from '../protocol/schemas.js';
import { fail } from './fail.js';

/** Rejects a data field over the configured byte limit with PAYLOAD_TOO_LARGE. */
export function checkData(data: string | undefined, limits: RingkitLimits, field = 'data'): string {
  const value = data ?? '';
  // A string has at most 3 UTF-8 bytes per UTF-16 unit: most are shorter than the limit by their length alone.
  if (value.length * 3 > limits.maxDataBytes && utf8Bytes(value) > limits.maxDataBytes) fail('PAYLOAD_TOO_LARGE', `${field} is over ${limits.maxDataBytes} bytes`);
  return value;
}

/**
 * Rejects a media signal over `maxSignalBytes` UTF-8 bytes with PAYLOAD_TOO_LARGE (a string with
 * more UTF-16 units than that is over it without being encoded).
 * @example const signal = checkSignal(params.signal, limits)
 */
export function checkSignal(signal: string, limits: RingkitLimits): string {
  if (signal.length > limits.maxSignalBytes || (signal.length * 3 > limits.maxSignalBytes && utf8Bytes(signal) > limits.maxSignalBytes)) {
    fail('PAYLOAD_TOO_LARGE', `signal is over ${limits.maxSignalBytes} bytes`);
  }
  return signal;
}

/** Rejects a timeout outside 0–maxTimeoutSeconds; returns the default when absent. */
export function checkTimeout(timeout: number | undefined, limits: RingkitLimits): number {
  const value = timeout ?? limits.defaultTimeoutSeconds;
  if (!Number.isInteger(value) || value < 0 || value > limits.maxTimeoutSeconds) {
    fail('INVALID_PARAMETER', `timeout must be an integer from 0 to ${limits.maxTimeoutSeconds}`);
  }
  return value;
}

/**
 * Rejects duplicate invitees and lists over `max`, and with `self`, self-invitation (a new
 * invitation; in a running call the caller is an accepted user like any other).
 */
export function checkInvitees(invitees: string[], max: number, self?: string): void {
  if (invitees.length === 0 || invitees.length > max) fail('INVALID_PARAMETER', `invite 1 to ${max} users`);
  if (new Set(invitees).size !== invitees.length) fail('INVALID_PARAMETER', 'invitees must be distinct');
  if (self !== undefined && invitees.includes(self)) fail('INVALID_PARAMETER', 'you cannot invite yourself');
}
