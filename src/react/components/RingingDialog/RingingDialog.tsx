import { forwardRef, useRef, type HTMLAttributes, type KeyboardEvent, type ReactNode } from 'react';
import { useFocusTrap } from '../../internal/useFocusTrap.js';
import { mergeProps } from '../../mergeProps.js';
import { RingtoneMuteButton } from '../shared/RingtoneMuteButton.js';
import { RingtoneUnlockButton } from '../shared/RingtoneUnlockButton.js';
import { RingEndStatus } from './RingEndStatus.js';
import { RingingActions } from './RingingActions.js';
import { RingingCallContext, useRingingCallContext } from './RingingCallContext.js';
import { RingingCaller } from './RingingCaller.js';
import { RingingCountdown } from './RingingCountdown.js';
import { RingingQueueNote } from './RingingQueueNote.js';
import { useRingingCallValue, type IncomingCallProps } from './useRingingCallValue.js';

/**
 * Props of `RingingDialog`.
 * @example const p: RingingDialogProps = { ringtone: '/sounds/ring.mp3', getUser: (id) => contacts[id] }
 */
export interface RingingDialogProps extends IncomingCallProps, Omit<HTMLAttributes<HTMLDivElement>, 'children'> {
  /** Replaces the dialog's default layout (compose the parts: `RingingCaller`, `RingingCountdown`, `RingingActions`, …). */
  children?: ReactNode;
}

/**
 * The incoming call as a modal `alertdialog`, named after the caller and described by the kind
 * of call. Focus starts on Reject and stays inside; Escape rejects; a click outside does nothing;
 * a countdown on the server clock. Several calls ringing at once are queued ("1 more call
 * waiting"); while I am in a connected call it offers "End and accept", "Decline" and "Decline as
 * busy". When a call stops ringing because of something elsewhere (cancelled, missed, caller gone,
 * answered on another of my devices) the dialog closes at once and a polite status region, outside
 * it, says why for a few seconds. Loops `ringtone` while ringing (ringkit's built-in tone unless
 * you pass a URL, or `false`) and offers to unblock sound.
 * @example
 * <RingkitProvider url={url} token={token}>
 *   <RingingDialog ringtone="/sounds/ring.mp3" getUser={(id) => ({ name: contacts[id]?.name })} />
 * </RingkitProvider>
 */
export const RingingDialog = forwardRef<HTMLDivElement, RingingDialogProps>(function RingingDialog({ ringtone, getUser, labels, client, busyPolicy, filter, noticeMs, children, ...props }, ref) {
  const value = useRingingCallValue({ ringtone, getUser, labels, client, busyPolicy, filter, noticeMs });
  const { ring } = value;
  const state = ring.invitation ? 'ringing' : ring.notice ? 'ended' : 'idle';
  return (
    <RingingCallContext.Provider value={value}>
      <div ref={ref} {...mergeProps({ className: 'rk-root rk-ringing-dialog', 'data-rk-state': state }, props)}>
        {ring.invitation && (
          <RingingDialogSurface key={ring.invitation.inviteID}>{children ?? <RingingDialogLayout />}</RingingDialogSurface>
        )}
        <RingEndStatus />
      </div>
    </RingingCallContext.Provider>
  );
});

/**
 * The default layout of `RingingDialog` (and `IncomingCallToast`): caller, countdown, sound controls,
 * answer buttons, queue note.
 * @example <RingingDialog><RingingDialogLayout /><p>Custom footer</p></RingingDialog>
 */
export function RingingDialogLayout() {
  const { ringtone } = useRingingCallContext();
  return (
    <>
      <RingingCaller />
      <RingingCountdown />
      <RingtoneUnlockButton ringtone={ringtone} />
      <RingingActions />
      <RingingQueueNote />
      {ringtone.audible || ringtone.muted ? <RingtoneMuteButton ringtone={ringtone} /> : null}
    </>
  );
}

/** The backdrop and the `alertdialog` itself, focus-trapped while mounted (one per ringing call). */
function RingingDialogSurface({ children }: { children: ReactNode }) {
  const { ring, titleID, descriptionID } = useRingingCallContext();
  const dialog = useRef<HTMLDivElement>(null);
  useFocusTrap(dialog, '[data-rk-action="reject"]');
  const onKeyDown = (event: KeyboardEvent) => {
    if (event.key !== 'Escape') return;
    event.preventDefault();
    if (!ring.rejectButtonProps.disabled) void ring.reject();
  };
  return (
    <div className="rk-ringing-dialog__backdrop">
      <div
        ref={dialog}
        role="alertdialog"
        aria-modal="true"
        aria-labelledby={titleID}
        aria-describedby={descriptionID}
        tabIndex={-1}
        className="rk-ringing-dialog__dialog"
        onKeyDown={onKeyDown}
      >
        {children}
      </div>
    </div>
  );
}
