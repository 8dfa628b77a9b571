import { forwardRef, useId, useState, type FormEvent, type HTMLAttributes } from 'react';
import { mergeProps } from '../../mergeProps.js';
import { useRaiseHandPanel } from './RaiseHandPanelContext.js';

/**
 * Props of `RaiseHandAskForm`.
 * @example const p: RaiseHandAskFormProps = { timeout: 90 }
 */
export interface RaiseHandAskFormProps extends Omit<HTMLAttributes<HTMLFormElement>, 'children'> {
  /** Seconds the request rings for students (default: the hook's 60). */
  timeout?: number;
}

/**
 * The teacher's "Ask to raise hands" button with an optional question field.
 * @example <RaiseHandPanel groupID="class-1"><RaiseHandAskForm timeout={90} /></RaiseHandPanel>
 */
export const RaiseHandAskForm = forwardRef<HTMLFormElement, RaiseHandAskFormProps>(function RaiseHandAskForm({ timeout, ...props }, ref) {
  const { hand, labels } = useRaiseHandPanel();
  const [prompt, setPrompt] = useState('');
  const id = useId();
  const submit = (event: FormEvent) => {
    event.preventDefault();
    const text = prompt.trim();
    void hand.ask({ ...(text && { prompt: text }), ...(timeout !== undefined && { timeout }) }).then((done) => done && setPrompt(''));
  };
  return (
    <form ref={ref} {...mergeProps({ className: 'rk-raise-hand-panel__ask', onSubmit: submit }, props)}>
      <label className="rk-raise-hand-panel__label" htmlFor={id}>
        {labels.promptLabel}
      </label>
      <input
        id={id}
        className="rk-input rk-raise-hand-panel__input"
        value={prompt}
        maxLength={500}
        placeholder={labels.promptPlaceholder}
        onChange={(e) => setPrompt(e.target.value)}
      />
      <button type="submit" className="rk-button" data-rk-variant="primary" disabled={hand.pending || hand.disabled}>
        {labels.ask}
      </button>
    </form>
  );
});
