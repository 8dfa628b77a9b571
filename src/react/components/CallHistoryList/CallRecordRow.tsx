import { forwardRef, type HTMLAttributes } from 'react';
import type { CallRecord } from '../../data/callRecords.js';
import { mergeProps } from '../../mergeProps.js';
import { useDisplayUser, type GetUser } from '../../context/RingkitUsersProvider.js';
import { UserAvatar } from '../shared/UserAvatar.js';
import type { CallHistoryListLabels } from '../../labels/callHistoryListLabels.js';

/**
 * Props of `CallRecordRow`.
 * @example const p: CallRecordRowProps = { record, labels: callHistoryListLabels.en, unseen: true }
 */
export interface CallRecordRowProps extends Omit<HTMLAttributes<HTMLLIElement>, 'children'> {
  record: CallRecord;
  labels: CallHistoryListLabels;
  /** A missed call not seen yet (marked "New"). */
  unseen?: boolean;
  getUser?: GetUser;
  /** Shows a "Call back" button that calls this. */
  onCallBack?: (record: CallRecord) => void;
}

/**
 * One call of the log: who, direction, what happened (with the duration of an answered call), the
 * time, and "Call back" (named "Call back: Bob"; not on a call still in progress).
 * @example <ul><CallRecordRow record={record} labels={callHistoryListLabels.en} onCallBack={(r) => call(r.peers[0])} /></ul>
 */
export const CallRecordRow = forwardRef<HTMLLIElement, CallRecordRowProps>(function CallRecordRow({ record, labels, unseen, getUser, onCallBack, ...props }, ref) {
  const peer = useDisplayUser(record.peers[0] ?? '', getUser);
  const name = record.peers.length > 1 ? `${peer.name} ${labels.andMore(record.peers.length - 1)}` : peer.name;
  const when = new Date(record.time);
  const time = new Intl.DateTimeFormat(labels.dateLocale, { hour: 'numeric', minute: '2-digit' }).format(when);
  const details = [
    labels.kinds[record.kind],
    record.reason === 'busy' ? labels.busy : record.reason === 'answeredElsewhere' ? labels.answeredElsewhere : undefined,
    record.duration !== undefined ? labels.duration(record.duration) : undefined,
  ].filter(Boolean);
  const own = {
    className: 'rk-call-history-list__row',
    'data-rk-kind': record.kind,
    'data-rk-direction': record.direction,
    'data-rk-unseen': unseen ? '' : undefined,
  };
  return (
    <li ref={ref} {...mergeProps(own, props)}>
      <UserAvatar user={peer} />
      <span className="rk-call-history-list__main">
        <span className="rk-call-history-list__name">{name}</span>
        <span className="rk-call-history-list__detail">
          <span aria-hidden="true" className="rk-call-history-list__arrow">
            {record.direction === 'incoming' ? '↙' : '↗'}
          </span>
          <span className="rk-visually-hidden">{record.direction === 'incoming' ? labels.incoming : labels.outgoing}, </span>
          {details.join(' · ')}
          {unseen && <span className="rk-call-history-list__new">{labels.unseen}</span>}
        </span>
      </span>
      <time className="rk-call-history-list__time" dateTime={when.toISOString()}>
        {time}
      </time>
      {onCallBack && record.kind !== 'ongoing' && (
        <button
          type="button"
          className="rk-button rk-call-history-list__call-back"
          aria-label={labels.callBackTo(name)}
          onClick={() => onCallBack(record)}
        >
          {labels.callBack}
        </button>
      )}
    </li>
  );
});
