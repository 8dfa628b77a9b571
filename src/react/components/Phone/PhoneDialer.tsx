import { forwardRef, useId, useState, type FormEvent, type FormHTMLAttributes } from 'react';
import { mergeProps } from '../../mergeProps.js';
import { usePhoneContext } from './PhoneContext.js';

/**
 * A labelled field for any userID and a **Call** button (disabled until something is typed and the
 * phone can call).
 * @example <Phone><PhoneDialer /></Phone>
 */
export const PhoneDialer = forwardRef<HTMLFormElement, FormHTMLAttributes<HTMLFormElement>>(function PhoneDialer(props, ref) {
  const { dial, canDial, labels } = usePhoneContext();
  const [callee, setCallee] = useState('');
  const id = useId();
  const userID = callee.trim();
  const submit = (event: FormEvent) => {
    event.preventDefault();
    if (userID && canDial) dial(userID);
  };
  return (
    <form ref={ref} {...mergeProps({ className: 'rk-phone__dialer', onSubmit: submit }, props as Record<string, unknown>)}>
      <label htmlFor={id} className="rk-phone__dial-label">
        {labels.dialLabel}
      </label>
      <div className="rk-phone__dial-row">
        <input
          id={id}
          className="rk-input rk-phone__dial-input"
          value={callee}
          placeholder={labels.dialPlaceholder}
          autoComplete="off"
          spellCheck={false}
          onChange={(e) => setCallee(e.target.value)}
        />
        <button type="submit" className="rk-button" data-rk-variant="accept" disabled={!canDial || !userID}>
          {labels.call}
        </button>
      </div>
    </form>
  );
});
