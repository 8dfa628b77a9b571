import { forwardRef, useId, useState, type FormEvent, type HTMLAttributes } from 'react';
import type { CallingInviteOptions, SignalingClient } from '../../../client/SignalingClient.js';
import { DEFAULT_LIMITS } from '../../../protocol/limits.js';
import type { InviteResult } from '../../../protocol/wire.js';
import { pickMembers } from '../../data/pickMembers.js';
import { useCallActions } from '../../hooks/useCallActions.js';
import { useGroupMembers } from '../../hooks/useGroupMembers.js';
import { useRingkitStore } from '../../hooks/useRingkitStore.js';
import { useRingkitLabels } from '../../labels/RingkitLabelsProvider.js';
import { mergeProps } from '../../mergeProps.js';
import { useUserLookup, type GetUser } from '../../context/RingkitUsersProvider.js';
import type { InviteMembersPickerLabels } from '../../labels/inviteMembersPickerLabels.js';
import { InviteMembersPickerOption } from './InviteMembersPickerOption.js';

/**
 * Props of `InviteMembersPicker`.
 * @example const p: InviteMembersPickerProps = { inviteID, groupID: 'team-1', maxCallUsers: 6 }
 */
export interface InviteMembersPickerProps extends Omit<HTMLAttributes<HTMLFormElement>, 'children' | 'onSubmit'> {
  /** The running advanced call to add people to. */
  inviteID: string | null | undefined;
  /** The group whose members to offer (default: the call's group). */
  groupID?: string;
  /** The members to offer instead of fetching the group's. */
  members?: readonly string[];
  /** The server's `maxCallUsers` (default 10): accepted + ringing, the inviter included. */
  maxCallUsers?: number;
  /** The server's `maxInvitees` per request (default 9). */
  maxInvitees?: number;
  /** Options of the `callingInvite` request (timeout, busyPolicy, data). */
  options?: CallingInviteOptions;
  /** Called after the server accepted the request (some may still be in `errorInvitees`). */
  onInvited?: (result: InviteResult) => void;
  labels?: Partial<InviteMembersPickerLabels>;
  getUser?: GetUser;
  client?: SignalingClient;
}

const NO_USERS: never[] = [];

/**
 * Picks group members to add to a running advanced call, then rings them (`callingInvite`): one
 * checkbox per member, labelled by name; members in the call or ringing are disabled with the
 * reason shown; the call-user limit is respected (how many can still be added is shown, and
 * further checkboxes are disabled at the limit); members the server skipped are listed with the
 * reason.
 * @example <InviteMembersPicker inviteID={callID} groupID="team-1" maxCallUsers={8} getUser={(id) => staff[id]} />
 */
export const InviteMembersPicker = forwardRef<HTMLFormElement, InviteMembersPickerProps>(function InviteMembersPicker({
  inviteID,
  groupID,
  members: givenMembers,
  maxCallUsers = DEFAULT_LIMITS.maxCallUsers,
  maxInvitees = DEFAULT_LIMITS.maxInvitees,
  options,
  onInvited,
  labels: ownLabels,
  getUser,
  client,
  ...props
}, ref) {
  const labels = useRingkitLabels('inviteMembersPicker', ownLabels);
  const users = useRingkitStore((s) => (inviteID ? s.invitations[inviteID]?.users : undefined), client) ?? NO_USERS;
  const callGroup = useRingkitStore((s) => (inviteID ? s.invitations[inviteID]?.groupID : undefined), client);
  const me = useRingkitStore((s) => s.userID, client);
  const fetched = useGroupMembers(givenMembers ? null : (groupID ?? callGroup), client);
  const actions = useCallActions(inviteID, client);
  const displayUser = useUserLookup(getUser);
  const [selected, setSelected] = useState<ReadonlySet<string>>(new Set());
  const [sent, setSent] = useState<{ asked: readonly string[]; result: InviteResult } | null>(null);
  const statusID = useId();
  const titleID = useId();

  const members = givenMembers ?? fetched.members;
  const { rows, room, remaining, chosen } = pickMembers(members, users, me, selected, maxCallUsers, maxInvitees);
  const toggle = (userID: string, on: boolean) =>
    setSelected((old) => {
      const next = new Set(old);
      if (on) next.add(userID);
      else next.delete(userID);
      return next;
    });
  const submit = async (event: FormEvent) => {
    event.preventDefault();
    if (chosen.length === 0 || !actions.can.callingInvite) return;
    setSent(null);
    const done = await actions.callingInvite(chosen, options);
    if (!done) return;
    setSelected(new Set());
    setSent({ asked: chosen, result: done });
    onInvited?.(done);
  };

  const skipped = sent?.result.errorInvitees ?? [];
  const rang = sent ? sent.asked.filter((id) => !skipped.some((e) => e.userID === id)).map((id) => displayUser(id).name) : [];
  const reason = (code: string) => labels.failures[code as keyof typeof labels.failures] ?? labels.failures.other;
  const own = { className: 'rk-root rk-invite-members-picker', 'data-rk-state': room === 0 ? 'full' : 'open' };
  return (
    <form ref={ref} {...mergeProps(own, props as Record<string, unknown>)} onSubmit={submit} aria-busy={actions.pending || fetched.isLoading}>
      <fieldset className="rk-invite-members-picker__fieldset">
        <legend id={titleID} className="rk-invite-members-picker__title">{labels.title}</legend>
        <p id={statusID} role="status" className="rk-invite-members-picker__remaining">
          {room === 0 ? labels.full : labels.remaining(remaining)}
        </p>
        {fetched.isLoading && <p className="rk-invite-members-picker__note">{labels.loading}</p>}
        {fetched.error && (
          <p role="alert" className="rk-invite-members-picker__note">
            {labels.loadFailed}
          </p>
        )}
        {!fetched.isLoading && !fetched.error && rows.length === 0 && <p className="rk-invite-members-picker__note">{labels.noMembers}</p>}
        {/* Focusable: a long list scrolls, also when every checkbox in it is disabled. */}
        <ul className="rk-list rk-scroll-area rk-invite-members-picker__members" tabIndex={0} aria-labelledby={titleID}>
          {rows.map((row) => (
            <InviteMembersPickerOption
              key={row.userID}
              choice={row}
              user={displayUser(row.userID)}
              reason={row.availability === 'available' ? undefined : labels.reasons[row.availability]}
              limitID={statusID}
              onToggle={toggle}
            />
          ))}
        </ul>
      </fieldset>
      <div className="rk-invite-members-picker__actions">
        <button
          type="submit"
          className="rk-button"
          data-rk-variant="primary"
          disabled={chosen.length === 0 || !actions.can.callingInvite || actions.pending}
        >
          {labels.invite(chosen.length)}
        </button>
      </div>
      <div role="status" className="rk-invite-members-picker__result">
        {rang.length > 0 && <p>{labels.invited(rang)}</p>}
        {skipped.length > 0 && (
          <ul className="rk-invite-members-picker__skipped">
            {skipped.map((e) => (
              <li key={e.userID}>{labels.notInvited(displayUser(e.userID).name, reason(e.code))}</li>
            ))}
          </ul>
        )}
      </div>
      {actions.error && (
        <p role="alert" className="rk-invite-members-picker__error">
          {labels.failed(reason(actions.error.code))}
        </p>
      )}
    </form>
  );
});
