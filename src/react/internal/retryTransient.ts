import { toErrorInfo } from '../../store/toErrorInfo.js';

const TRANSIENT = new Set(['REQUEST_TIMEOUT', 'NOT_CONNECTED', 'RATE_LIMITED', 'INTERNAL']);

/** TanStack `retry` for ringkit queries: up to 3 retries, only for failures a retry can fix (not NO_PERMISSION and the like). */
export function retryTransient(failureCount: number, error: unknown): boolean {
  return failureCount < 3 && TRANSIENT.has(toErrorInfo(error).code);
}
