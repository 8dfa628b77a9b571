import { useState, type FormEvent } from 'react';
import { useDemoLabels } from './labels.js';
import { userIDProblem } from './session.js';

/**
 * The sign-in form: a name is all the development-mode server asks for.
 * @example <SignIn onSignIn={(userID) => setSession(signIn(userID))} />
 */
export function SignIn({ onSignIn }: { onSignIn: (userID: string) => void }) {
  const t = useDemoLabels();
  const [userID, setUserID] = useState('');
  const [touched, setTouched] = useState(false);
  const problem = userIDProblem(userID);
  const submit = (event: FormEvent) => {
    event.preventDefault();
    setTouched(true);
    if (!problem) onSignIn(userID);
  };
  return (
    <main className="demo-signin">
      <p>{t.tagline}</p>
      <form onSubmit={submit} noValidate>
        <label htmlFor="demo-user-id">{t.userID}</label>
        <input
          id="demo-user-id"
          value={userID}
          autoFocus
          autoComplete="username"
          aria-invalid={touched && problem !== null}
          aria-describedby="demo-user-id-problem"
          onChange={(e) => setUserID(e.target.value)}
        />
        <button type="submit" className="rk-button">{t.signIn}</button>
        <p id="demo-user-id-problem" className="demo-problem" aria-live="polite">
          {touched && problem ? t.idProblem[problem] : ''}
        </p>
      </form>
    </main>
  );
}
