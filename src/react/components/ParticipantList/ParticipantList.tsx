import { useVirtualizer } from '@tanstack/react-virtual';
import { forwardRef, useCallback, useDeferredValue, useId, useMemo, useRef, useState, type HTMLAttributes } from 'react';
import type { SignalingClient } from '../../../client/SignalingClient.js';
import type { CallUser } from '../../../protocol/types.js';
import { sortParticipantIDs } from '../../data/sortParticipantIDs.js';
import { useRingkitStore } from '../../hooks/useRingkitStore.js';
import { useStableArray } from '../../internal/useStableArray.js';
import { useRingkitLabels } from '../../labels/RingkitLabelsProvider.js';
import { mergeProps } from '../../mergeProps.js';
import { selectUserCounts } from '../../../store/selectors/selectUserCounts.js';
import { useUserLookup, type GetUser } from '../../context/RingkitUsersProvider.js';
import type { ParticipantListLabels } from '../../labels/participantListLabels.js';
import { ParticipantListRow, type ParticipantRowRenderer } from './ParticipantListRow.js';

/**
 * Props of `ParticipantList`.
 * @example const p: ParticipantListProps = { inviteID, rowHeight: 48 }
 */
export interface ParticipantListProps extends Omit<HTMLAttributes<HTMLDivElement>, 'children'> {
  /** The invitation whose users to list. */
  inviteID: string | null | undefined;
  /** Height of one row in pixels (rows are virtualized at this height; default 48). */
  rowHeight?: number;
  /** Rows rendered beyond the visible ones on each side (default 8). */
  overscan?: number;
  /** Replaces each row (keep it stable, e.g. a module-level function or `useCallback`). */
  children?: ParticipantRowRenderer;
  labels?: Partial<ParticipantListLabels>;
  getUser?: GetUser;
  client?: SignalingClient;
}

const NOBODY: readonly CallUser[] = [];

/**
 * The users of an invitation with live state badges, sorted (accepted, ringing, ended), with a
 * search box, virtualized (@tanstack/react-virtual) so thousands of rows scroll smoothly. Each row
 * subscribes to its own user, and rows carry no position in their props, so one user's change
 * renders one row. A `list` of `listitem`s with `aria-setsize`/`aria-posinset`; the scroll area
 * is focusable so the keyboard can scroll it.
 * @example
 * <ParticipantList inviteID={classID} getUser={(id) => roster[id]} />
 * <ParticipantList inviteID={classID}>{(user, display) => <span>{display.name} · {user.state}</span>}</ParticipantList>
 */
export const ParticipantList = forwardRef<HTMLDivElement, ParticipantListProps>(function ParticipantList({
  inviteID,
  rowHeight = 48,
  overscan = 8,
  children,
  labels: ownLabels,
  getUser,
  client,
  ...props
}, ref) {
  const labels = useRingkitLabels('participantList', ownLabels);
  const users = useRingkitStore((s) => (inviteID ? s.invitations[inviteID]?.users : undefined), client) ?? NOBODY;
  const me = useRingkitStore((s) => s.userID, client);
  const displayUser = useUserLookup(getUser);
  const [query, setQuery] = useState('');
  const search = useDeferredValue(query.trim().toLocaleLowerCase());
  const matches = useCallback(
    (user: CallUser) => user.userID.toLocaleLowerCase().includes(search) || displayUser(user.userID).name.toLocaleLowerCase().includes(search),
    [search, displayUser],
  );
  const ids = useStableArray(useMemo(() => sortParticipantIDs(users, search ? matches : undefined), [users, search, matches]));
  const counts = selectUserCounts(users);
  const pending = counts.inviting + counts.received + counts.notYetReceived;

  const scrollRef = useRef<HTMLDivElement>(null);
  const getItemKey = useCallback((index: number) => ids[index] ?? index, [ids]);
  const virtualizer = useVirtualizer({
    count: ids.length,
    getScrollElement: () => scrollRef.current,
    estimateSize: () => rowHeight,
    overscan,
    getItemKey,
  });
  const searchID = useId();

  const own = { className: 'rk-root rk-participant-list', 'data-rk-searching': search ? true : undefined };
  return (
    <div ref={ref} {...mergeProps(own, props as Record<string, unknown>)}>
      <div className="rk-participant-list__header">
        <label htmlFor={searchID} className="rk-visually-hidden">
          {labels.search}
        </label>
        <input
          id={searchID}
          type="search"
          className="rk-input rk-participant-list__search"
          placeholder={labels.search}
          value={query}
          onChange={(e) => setQuery(e.target.value)}
        />
        <p className="rk-participant-list__counts">
          {labels.counts(counts.accepted, pending, users.length - counts.accepted - pending)}
        </p>
      </div>
      <div role="status" aria-live="polite" className="rk-visually-hidden">
        {search ? labels.results(ids.length, users.length) : ''}
      </div>
      {search && ids.length === 0 && <p className="rk-participant-list__empty">{labels.noMatch}</p>}
      <div ref={scrollRef} role="list" aria-label={labels.list} tabIndex={0} className="rk-participant-list__scroll">
        <div role="none" className="rk-participant-list__sizer" style={{ height: virtualizer.getTotalSize() }}>
          {inviteID &&
            virtualizer.getVirtualItems().map((item) => (
              <div
                key={item.key}
                role="listitem"
                aria-setsize={ids.length}
                aria-posinset={item.index + 1}
                className="rk-participant-list__item"
                style={{ height: item.size, transform: `translateY(${item.start}px)` }}
              >
                <ParticipantListRow
                  inviteID={inviteID}
                  userID={ids[item.index]!}
                  isMe={ids[item.index] === me}
                  render={children}
                  getUser={getUser}
                  labels={ownLabels}
                  client={client}
                />
              </div>
            ))}
        </div>
      </div>
    </div>
  );
});
