import { forwardRef, Fragment, useEffect, useId, useState, type HTMLAttributes, type ReactNode } from 'react';
import type { SignalingClient } from '../../../client/SignalingClient.js';
import { groupByDay, type CallRecord } from '../../data/callRecords.js';
import type { MissedSeenStore } from '../../data/missedSeenStore.js';
import { useCallRecords } from '../../hooks/useCallRecords.js';
import { useRingkitLabels } from '../../labels/RingkitLabelsProvider.js';
import { mergeProps } from '../../mergeProps.js';
import type { GetUser } from '../../context/RingkitUsersProvider.js';
import { CallHistoryFilter, type CallHistoryFilterValue } from './CallHistoryFilter.js';
import { CallRecordRow } from './CallRecordRow.js';
import { dayHeading } from './dayHeading.js';
import type { CallHistoryListLabels } from '../../labels/callHistoryListLabels.js';

/**
 * Props of `CallHistoryList`.
 * @example const p: CallHistoryListProps = { onCallBack: (r) => call(r.peers[0]!), defaultFilter: 'missed' }
 */
export interface CallHistoryListProps extends Omit<HTMLAttributes<HTMLDivElement>, 'children'> {
  /** Shows "Call back" on each row. */
  onCallBack?: (record: CallRecord) => void;
  /** Only calls with this user (the call log of one conversation). */
  peer?: string;
  /** Invitations per page (default 30). */
  count?: number;
  defaultFilter?: CallHistoryFilterValue;
  /** Where "missed calls seen up to" is kept (default: localStorage, per user). */
  seenStore?: MissedSeenStore;
  labels?: Partial<CallHistoryListLabels>;
  getUser?: GetUser;
  client?: SignalingClient;
  /** A row of your own instead of `CallRecordRow`. */
  renderRecord?: (record: CallRecord, unseen: boolean) => ReactNode;
}

/**
 * My call log from signaling history: missed, declined, cancelled, no answer, answered with its
 * duration, grouped by day ("Today", "Yesterday", then dates in the current language), an All /
 * Missed filter with the unseen-missed count (choosing Missed marks them seen), "Call back" per
 * row, and "Show older calls". Live: a call that ends while the list is open appears at once.
 * @example
 * <CallHistoryList getUser={(id) => contacts[id]} onCallBack={(r) => call.call(r.peers[0]!, { roomID: newRoom() })} />
 */
export const CallHistoryList = forwardRef<HTMLDivElement, CallHistoryListProps>(function CallHistoryList({
  onCallBack,
  peer,
  count,
  defaultFilter = 'all',
  seenStore,
  labels: own,
  getUser,
  client,
  renderRecord,
  ...props
}, ref) {
  const labels = useRingkitLabels('callHistoryList', own);
  const log = useCallRecords({ count, peer, seenStore }, client);
  const [filter, setFilter] = useState<CallHistoryFilterValue>(defaultFilter);
  const headingID = useId();
  const { markMissedSeen, unseenMissed } = log;
  useEffect(() => {
    if (filter === 'missed' && unseenMissed.length > 0) markMissedSeen();
  }, [filter, unseenMissed, markMissedSeen]);

  const unseen = new Set(unseenMissed.map((r) => r.inviteID));
  const shown = filter === 'missed' ? log.records.filter((r) => r.kind === 'missed') : log.records;
  const root = { className: 'rk-root rk-call-history-list', role: 'group', 'aria-label': labels.title, 'data-rk-filter': filter };
  return (
    <div ref={ref} {...mergeProps(root, props)}>
      <CallHistoryFilter value={filter} onChange={setFilter} unseen={unseenMissed.length} labels={labels} />
      <p role="status" className="rk-visually-hidden">
        {unseenMissed.length > 0 ? labels.unseenMissed(unseenMissed.length) : ''}
      </p>
      {log.isLoading ? (
        <p className="rk-call-history-list__empty">{labels.loading}</p>
      ) : shown.length === 0 ? (
        <p className="rk-call-history-list__empty">{filter === 'missed' ? labels.emptyMissed : labels.empty}</p>
      ) : (
        groupByDay(shown).map((group, i) => (
          <div key={group.day} className="rk-call-history-list__day">
            <h3 id={`${headingID}-${i}`} className="rk-call-history-list__heading">
              {dayHeading(group.date, labels)}
            </h3>
            <ul className="rk-list rk-call-history-list__records" aria-labelledby={`${headingID}-${i}`}>
              {group.records.map((record) =>
                renderRecord ? (
                  <Fragment key={record.inviteID}>{renderRecord(record, unseen.has(record.inviteID))}</Fragment>
                ) : (
                  <CallRecordRow
                    key={record.inviteID}
                    record={record}
                    labels={labels}
                    unseen={unseen.has(record.inviteID)}
                    getUser={getUser}
                    onCallBack={onCallBack}
                  />
                ),
              )}
            </ul>
          </div>
        ))
      )}
      {log.hasNextPage && (
        <button type="button" className="rk-button rk-call-history-list__more" disabled={log.isFetchingNextPage} onClick={() => void log.fetchNextPage()}>
          {labels.more}
        </button>
      )}
      {log.error && (
        <p role="alert" className="rk-call-history-list__error">
          {log.error.message}
        </p>
      )}
    </div>
  );
});
