import { useEffect, useRef } from 'react';
import type { UseCallResult } from '../../src/react/index.js';
import { useDemoLabels } from './labels.js';

/**
 * The ringing one-to-one call as an alert dialog named after the caller, with Accept and Reject.
 * @example <IncomingCall call={call} />
 */
export function IncomingCall({ call }: { call: UseCallResult }) {
  const t = useDemoLabels();
  const reject = useRef<HTMLButtonElement>(null);
  const ringing = call.status === 'ringing';
  useEffect(() => {
    if (ringing) reject.current?.focus();
  }, [ringing]);
  if (!ringing) return null;
  return (
    <div className="demo-overlay">
      <div role="alertdialog" aria-modal="true" aria-labelledby="demo-ringing-title" className="demo-dialog">
        <h2 id="demo-ringing-title">{t.incomingFrom(call.peer ?? '')}</h2>
        <div className="demo-actions">
          <button type="button" className="rk-button" data-rk-variant="accept" disabled={call.pending} onClick={() => void call.accept()}>
            {t.accept}
          </button>
          <button type="button" className="rk-button" data-rk-variant="reject" ref={reject} disabled={call.pending} onClick={() => void call.reject()}>
            {t.reject}
          </button>
        </div>
      </div>
    </div>
  );
}
