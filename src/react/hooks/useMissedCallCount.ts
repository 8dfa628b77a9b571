import { useMemo } from 'react';
import type { SignalingClient } from '../../client/SignalingClient.js';
import { useCallRecords, type UseCallRecordsOptions } from './useCallRecords.js';

/**
 * What `useMissedCallCount` returns.
 * @example const { count, markSeen }: UseMissedCallCountResult = useMissedCallCount()
 */
export interface UseMissedCallCountResult {
  /** Missed calls not seen yet (among the loaded page of the call log). */
  count: number;
  /** Marks them seen (every component showing the count updates, and other tabs of this browser). */
  markSeen(): void;
}

/**
 * The number of missed calls I have not looked at yet, for a badge. Missed calls come from the
 * call log (`useCallRecords`); "seen" is kept per user on this device and shared with
 * `CallHistoryList`, which marks them seen when its Missed filter is chosen.
 * @example
 * const { count } = useMissedCallCount()
 * <a href="/calls">Calls {count > 0 && <span className="badge">{count}</span>}</a>
 */
export function useMissedCallCount(options: UseCallRecordsOptions = {}, client?: SignalingClient): UseMissedCallCountResult {
  const { unseenMissed, markMissedSeen } = useCallRecords(options, client);
  const count = unseenMissed.length;
  return useMemo(() => ({ count, markSeen: markMissedSeen }), [count, markMissedSeen]);
}
