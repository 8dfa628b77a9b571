import { forwardRef, type HTMLAttributes, type ReactNode } from 'react';
import { mergeProps } from '../../mergeProps.js';
import { RingEndStatus } from '../RingingDialog/RingEndStatus.js';
import { RingingCallContext } from '../RingingDialog/RingingCallContext.js';
import { RingingDialogLayout } from '../RingingDialog/RingingDialog.js';
import { useRingingCallValue, type IncomingCallProps } from '../RingingDialog/useRingingCallValue.js';

/**
 * Props of `IncomingCallToast`.
 * @example const p: IncomingCallToastProps = { ringtone: '/sounds/ring.mp3' }
 */
export interface IncomingCallToastProps extends IncomingCallProps, Omit<HTMLAttributes<HTMLDivElement>, 'children'> {
  /** Replaces the toast's default layout (compose the parts). */
  children?: ReactNode;
}

/**
 * The incoming call as a non-modal toast, for apps that do not want a modal: a `region` named
 * after the caller with the same parts as `RingingDialog` (kind of call, countdown, Accept and
 * Reject or the call-waiting choices, the queue note, the ringtone controls) and the same polite
 * status region saying why a call stopped ringing. It does not take focus.
 * @example <IncomingCallToast ringtone="/sounds/ring.mp3" className="my-toast" />
 */
export const IncomingCallToast = forwardRef<HTMLDivElement, IncomingCallToastProps>(function IncomingCallToast({ ringtone, getUser, labels, client, busyPolicy, filter, noticeMs, children, ...props }, ref) {
  const value = useRingingCallValue({ ringtone, getUser, labels, client, busyPolicy, filter, noticeMs });
  const { ring, titleID, descriptionID } = value;
  const state = ring.invitation ? 'ringing' : ring.notice ? 'ended' : 'idle';
  return (
    <RingingCallContext.Provider value={value}>
      <div ref={ref} {...mergeProps({ className: 'rk-root rk-incoming-call-toast', 'data-rk-state': state }, props)}>
        {ring.invitation && (
          <section
            key={ring.invitation.inviteID}
            className="rk-incoming-call-toast__card"
            aria-labelledby={titleID}
            aria-describedby={descriptionID}
          >
            {children ?? <IncomingCallToastLayout />}
          </section>
        )}
        <RingEndStatus />
      </div>
    </RingingCallContext.Provider>
  );
});

/**
 * The toast's default layout: the same parts, in the same order, as `RingingDialogLayout`.
 * @example <IncomingCallToast><IncomingCallToastLayout /></IncomingCallToast>
 */
export const IncomingCallToastLayout = RingingDialogLayout;
