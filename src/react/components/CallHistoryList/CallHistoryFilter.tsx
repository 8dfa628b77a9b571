import { forwardRef, useId, type HTMLAttributes } from 'react';
import { mergeProps } from '../../mergeProps.js';
import type { CallHistoryListLabels } from '../../labels/callHistoryListLabels.js';

/**
 * Which calls the list shows.
 * @example const f: CallHistoryFilterValue = 'missed'
 */
export type CallHistoryFilterValue = 'all' | 'missed';

/**
 * Props of `CallHistoryFilter`.
 * @example const p: CallHistoryFilterProps = { value: 'all', onChange: setFilter, unseen: 2, labels }
 */
export interface CallHistoryFilterProps extends Omit<HTMLAttributes<HTMLFieldSetElement>, 'children' | 'onChange'> {
  value: CallHistoryFilterValue;
  onChange: (value: CallHistoryFilterValue) => void;
  /** Unseen missed calls, shown as a badge on "Missed". */
  unseen: number;
  labels: CallHistoryListLabels;
}

/**
 * All / Missed as a radio group (arrow keys move between them), with the unseen-missed badge.
 * @example <CallHistoryFilter value={filter} onChange={setFilter} unseen={count} labels={labels} />
 */
export const CallHistoryFilter = forwardRef<HTMLFieldSetElement, CallHistoryFilterProps>(function CallHistoryFilter({ value, onChange, unseen, labels, ...props }, ref) {
  const name = useId();
  const option = (option: CallHistoryFilterValue, text: string, badge?: number) => (
    <label className="rk-call-history-list__option">
      <input type="radio" name={name} value={option} checked={value === option} onChange={() => onChange(option)} />
      <span>{text}</span>
      {badge ? (
        <span className="rk-call-history-list__badge" aria-hidden="true">
          {badge}
        </span>
      ) : null}
    </label>
  );
  return (
    <fieldset ref={ref} {...mergeProps({ className: 'rk-call-history-list__filter' }, props)}>
      <legend className="rk-visually-hidden">{labels.filter}</legend>
      {option('all', labels.all)}
      {option('missed', labels.missed, unseen)}
    </fieldset>
  );
});
