import { isRingkitError, RingkitError } from '../protocol/errors.js';
import type { RingkitErrorInfo } from './RingkitState.js';

/**
 * Turns anything thrown or reported into `{ code, message }`: a RingkitError keeps its code, a
 * wire error's unknown code and any other value become `INTERNAL`.
 * @example try { await client.accept(id) } catch (e) { setError(toErrorInfo(e)) }
 */
export function toErrorInfo(error: unknown): RingkitErrorInfo {
  if (isRingkitError(error)) return { code: error.code, message: error.message };
  if (typeof error === 'object' && error !== null && 'code' in error) {
    const { code, message } = RingkitError.from(error as { code?: unknown; message?: unknown });
    return { code, message };
  }
  return { code: 'INTERNAL', message: error instanceof Error ? error.message : String(error) };
}
