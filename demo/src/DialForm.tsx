import { useState, type FormEvent } from 'react';
import { useDemoLabels } from './labels.js';
import { userIDProblem } from './session.js';

/**
 * Call anyone by name, online or not (an offline callee rings when they sign in, until the call times out).
 * @example <DialForm disabled={false} onCall={(userID) => call.call(userID, { roomID })} />
 */
export function DialForm({ disabled, onCall }: { disabled: boolean; onCall: (userID: string) => void }) {
  const t = useDemoLabels();
  const [callee, setCallee] = useState('');
  const submit = (event: FormEvent) => {
    event.preventDefault();
    if (!userIDProblem(callee)) onCall(callee);
  };
  return (
    <form className="demo-dial" onSubmit={submit}>
      <label htmlFor="demo-callee">{t.callee}</label>
      <input id="demo-callee" value={callee} onChange={(e) => setCallee(e.target.value)} />
      <button type="submit" className="rk-button" disabled={disabled || userIDProblem(callee) !== null}>
        {t.call}
      </button>
    </form>
  );
}
