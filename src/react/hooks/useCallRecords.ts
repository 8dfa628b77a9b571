import { useCallback, useMemo, useSyncExternalStore } from 'react';
import { useStore } from 'zustand';
import type { SignalingClient } from '../../client/SignalingClient.js';
import { callRecordOf, type CallRecord } from '../data/callRecords.js';
import { missedSeenStore, type MissedSeenStore } from '../data/missedSeenStore.js';
import type { PageStatus } from '../types/PageStatus.js';
import { useInvitationList } from './useInvitationList.js';
import { useRingkitStoreApi } from './useRingkitStoreApi.js';

const nothingSeen = () => 0;

/**
 * Options of `useCallRecords` and `useMissedCallCount`.
 * @example useCallRecords({ count: 50, peer: 'bob' })
 */
export interface UseCallRecordsOptions {
  /** Invitations per page (default 30). */
  count?: number;
  /** Only calls with this user (a one-to-one conversation's call log). */
  peer?: string;
  /** Where "seen up to" is kept (default: localStorage, per user). */
  seenStore?: MissedSeenStore;
}

/**
 * What `useCallRecords` returns.
 * @example const { records, unseenMissed, markMissedSeen }: UseCallRecordsResult = useCallRecords()
 */
export interface UseCallRecordsResult extends PageStatus {
  /** My calls, newest first (classroom invitations left out). */
  records: readonly CallRecord[];
  /** Incoming calls I missed that ended after I last looked at missed calls. */
  unseenMissed: readonly CallRecord[];
  /** Server time up to which missed calls count as seen. */
  seenAt: number;
  /** Marks every missed call loaded so far as seen (the badge goes to 0). */
  markMissedSeen(): void;
}

/**
 * Default invitations per page of the call log.
 * @example const { loadMore } = useCallRecords({ count: CALL_RECORDS_PAGE * 2 })
 */
export const CALL_RECORDS_PAGE = 30;

/**
 * My call log: every invitation I am or was part of (`useInvitationList`, live), as call records
 * (missed, declined, cancelled, no answer, answered with duration, ongoing), plus the missed calls
 * I have not seen yet. One request covers every peer; `peer` narrows it to one conversation.
 * @example
 * const { records, unseenMissed, markMissedSeen } = useCallRecords()
 * <button onClick={markMissedSeen}>Missed ({unseenMissed.length})</button>
 */
export function useCallRecords(options: UseCallRecordsOptions = {}, client?: SignalingClient): UseCallRecordsResult {
  const store = useRingkitStoreApi(client);
  const self = useStore(store, (s) => s.userID);
  const seen = options.seenStore ?? missedSeenStore;
  const list = useInvitationList({ count: options.count ?? CALL_RECORDS_PAGE }, client);
  const { invitations, ...status } = list;
  const peer = options.peer;
  const deviceID = store.client.deviceID;
  const records = useMemo(
    () =>
      invitations
        .map((i) => callRecordOf(i, self, deviceID))
        .filter((r): r is CallRecord => r !== undefined && (peer === undefined || r.peers.includes(peer))),
    [invitations, self, deviceID, peer],
  );
  // The server (and hydration) renders "nothing seen": localStorage is read in the browser only.
  const seenAt = useSyncExternalStore(seen.subscribe, () => seen.get(self), nothingSeen);
  const missed = useMemo(() => records.filter((r) => r.kind === 'missed'), [records]);
  const unseenMissed = useMemo(() => missed.filter((r) => (r.endTime ?? r.time) > seenAt), [missed, seenAt]);
  const markMissedSeen = useCallback(() => {
    const latest = Math.max(0, ...missed.map((r) => r.endTime ?? r.time));
    if (self && latest > 0) seen.set(self, latest);
  }, [missed, seen, self]);
  const { hasNextPage, fetchNextPage, isLoading, isFetchingNextPage, error } = status;
  return useMemo(
    () => ({ records, unseenMissed, seenAt, markMissedSeen, hasNextPage, fetchNextPage, isLoading, isFetchingNextPage, error }),
    [records, unseenMissed, seenAt, markMissedSeen, hasNextPage, fetchNextPage, isLoading, isFetchingNextPage, error],
  );
}
