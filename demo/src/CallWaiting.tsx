import { useCallback } from 'react';
import type { Invitation } from '../../src/index.js';
import { useIncomingInvitation, type BusyPolicy, type UseCallResult } from '../../src/react/index.js';
import { useDemoLabels } from './labels.js';

const isOneToOneCall = (i: Invitation) => i.mode === 'advanced' && i.groupID === undefined;

/**
 * Call waiting: a second one-to-one call ringing while this tab is in a call (busy policy
 * "ring"). Ending the current call lets the waiting one ring in the main dialog.
 * @example <CallWaiting call={call} busyPolicy="ring" />
 */
export function CallWaiting({ call, busyPolicy }: { call: UseCallResult; busyPolicy: BusyPolicy }) {
  const t = useDemoLabels();
  const current = call.callID;
  const inCall = call.status === 'calling' || call.status === 'connected';
  const filter = useCallback((i: Invitation) => isOneToOneCall(i) && i.inviteID !== current, [current]);
  const waiting = useIncomingInvitation({ busyPolicy, filter });
  if (!inCall || !waiting.invitation) return null;
  return (
    <aside role="alertdialog" aria-labelledby="demo-waiting" className="demo-toast">
      <p id="demo-waiting">{t.waiting(waiting.invitation.inviter)}</p>
      <div className="demo-actions">
        <button type="button" className="rk-button" onClick={() => void call.hangUp()}>
          {t.switchCall}
        </button>
        <button className="rk-button" data-rk-variant="reject" {...waiting.rejectButtonProps}>
          {t.reject}
        </button>
      </div>
    </aside>
  );
}
