import { useCallback, useId, useMemo, useState, type HTMLAttributes, type KeyboardEvent, type ReactNode } from 'react';
import type { SignalingClient } from '../../../client/SignalingClient.js';
import type { ErrorInvitee } from '../../../protocol/wire.js';
import { useOutgoingCall } from '../../hooks/useOutgoingCall.js';
import { useRingtone } from '../../hooks/useRingtone.js';
import { useRingkitLabels } from '../../labels/RingkitLabelsProvider.js';
import { mergeProps } from '../../mergeProps.js';
import { useUserLookup, type GetUser } from '../shared/RingkitUsersProvider.js';
import { RingtoneMuteButton } from '../shared/RingtoneMuteButton.js';
import { RingtoneUnlockButton } from '../shared/RingtoneUnlockButton.js';
import type { OutgoingCallDialogLabels } from './labels.js';
import { OutgoingCallCancelButton } from './OutgoingCallCancelButton.js';
import { OutgoingCallContext, type OutgoingCallContextValue } from './OutgoingCallContext.js';
import { OutgoingCallInvitees } from './OutgoingCallInvitees.js';
import { useInviteeAnnouncement } from './useInviteeAnnouncement.js';

const NONE: readonly ErrorInvitee[] = [];

/**
 * Props of `OutgoingCallDialog`.
 * @example const p: OutgoingCallDialogProps = { inviteID, errorInvitees, onClose: () => setInviteID(null) }
 */
export interface OutgoingCallDialogProps extends Omit<HTMLAttributes<HTMLDivElement>, 'children'> {
  /** The call to show; without it, my newest outgoing invitation; `null`: none (renders nothing). */
  inviteID?: string | null;
  /** Invitees the server skipped (`useInvite().errorInvitees`), shown with the reason. */
  errorInvitees?: readonly ErrorInvitee[];
  /** Called when the user closes the dialog (after nobody rings any more). */
  onClose?: () => void;
  /** URL of the ringback sound to loop while the call rings (none: silent), like `RingingDialog`'s `ringtone`. */
  ringback?: string;
  /** Move the focus to Cancel when the dialog opens (default true: the user just placed the call). */
  autoFocus?: boolean;
  labels?: Partial<OutgoingCallDialogLabels>;
  getUser?: GetUser;
  client?: SignalingClient;
  /** Replaces the default layout (title, summary, invitees, Cancel); the parts read the call from context. */
  children?: ReactNode;
}

/**
 * "Calling …": the call I am making, each invitee with a live state badge (ringing, not delivered
 * yet, offline, accepted, declined, busy, no answer …), the reasons of invitees the server
 * skipped, a polite live region that announces every change, **Cancel** (everyone), and in a call
 * with several invitees a ✕ per ringing invitee ("Cancel Bob"). With `ringback` (a URL) it loops a
 * ringback while the call rings (`useRingtone`), with "Sound is blocked — click to enable" when the
 * browser refuses sound before a user gesture, and a mute toggle.
 *
 * A non-modal `dialog` named "Calling Bob": the caller may keep using the app while it rings, so
 * focus is not trapped and nothing behind it is inert; focus moves to Cancel when it opens, and
 * Escape inside it cancels (like the Cancel button). Once nobody rings it shows the outcome and
 * Cancel becomes Close.
 * @example
 * const { invite, inviteID, errorInvitees } = useInvite()
 * <button onClick={() => invite(['bob', 'carol'], { mode: 'advanced' })}>Call</button>
 * <OutgoingCallDialog inviteID={inviteID} errorInvitees={errorInvitees} getUser={(id) => contacts[id]} />
 */
export function OutgoingCallDialog({
  inviteID,
  errorInvitees = NONE,
  onClose,
  ringback: src,
  autoFocus = true,
  labels: ownLabels,
  getUser,
  client,
  children,
  ...props
}: OutgoingCallDialogProps) {
  const call = useOutgoingCall(inviteID, client);
  const labels = useRingkitLabels('outgoingCallDialog', ownLabels);
  const common = useRingkitLabels('common');
  const displayUser = useUserLookup(getUser);
  const announcement = useInviteeAnnouncement(call.invitees, labels, common, displayUser);
  const ringback = useRingtone(src, call.status === 'calling');
  const [closedID, setClosedID] = useState<string | null>(null);
  const shownID = call.invitation?.inviteID ?? null;
  const close = useCallback(() => {
    setClosedID(shownID);
    onClose?.();
  }, [shownID, onClose]);
  const context = useMemo<OutgoingCallContextValue>(
    () => ({ call, ringback, errorInvitees, labels, getUser, client, close }),
    [call, ringback, errorInvitees, labels, getUser, client, close],
  );
  const titleID = useId();
  const summaryID = useId();
  if (!call.invitation || closedID === shownID) return null;

  const names = [...new Set([...call.invitees.map((u) => u.userID), ...errorInvitees.map((e) => e.userID)])].map((id) => displayUser(id).name);
  const onKeyDown = (event: KeyboardEvent<HTMLDivElement>) => {
    if (event.key === 'Escape' && call.isInviter && call.ringing > 0 && !call.pending) {
      event.stopPropagation();
      void call.cancel();
    }
  };
  const own = {
    role: 'dialog',
    'aria-labelledby': titleID,
    'aria-describedby': summaryID,
    className: 'rk-root rk-outgoing-call-dialog',
    'data-rk-state': call.status,
    onKeyDown,
  };
  return (
    <OutgoingCallContext.Provider value={context}>
      <div {...mergeProps(own, props as Record<string, unknown>)}>
        <h2 id={titleID} className="rk-outgoing-call-dialog__title">
          {labels.title(names)}
        </h2>
        <p id={summaryID} className="rk-outgoing-call-dialog__summary">
          {labels.summary[call.status]}
        </p>
        {children ?? (
          <>
            <OutgoingCallInvitees />
            <RingtoneUnlockButton ringtone={ringback} />
            <div className="rk-outgoing-call-dialog__actions">
              {call.status === 'calling' && (ringback.audible || ringback.muted) ? <RingtoneMuteButton ringtone={ringback} /> : null}
              <OutgoingCallCancelButton autoFocus={autoFocus} />
            </div>
          </>
        )}
        {call.error && (
          <p role="alert" className="rk-outgoing-call-dialog__error">
            {labels.cancelFailed}
          </p>
        )}
        <div role="status" aria-live="polite" className="rk-visually-hidden">
          {announcement}
        </div>
      </div>
    </OutgoingCallContext.Provider>
  );
}
