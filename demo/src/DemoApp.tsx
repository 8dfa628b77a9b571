import { useState } from 'react';
import { RingkitLabelsProvider, RingkitProvider } from '../../src/react/index.js';
import '../../src/react/styles.css';
import { DEMO_LABELS, DemoLabelsContext } from './labels.js';
import { PreferenceSwitches } from './PreferenceSwitches.js';
import { readSession, signIn, signOut, type DemoSession } from './session.js';
import { SignIn } from './SignIn.js';
import { usePreferences } from './usePreferences.js';
import { Workspace } from './Workspace.js';

/**
 * The demo page: sign in with a name, then call people, run group calls and a classroom on the
 * ringkit server that served the page (development auth: the name is trusted).
 * @example createRoot(root).render(<DemoApp />)
 */
export function DemoApp() {
  const [prefs, setPrefs] = usePreferences();
  const [session, setSession] = useState<DemoSession | null>(readSession);
  const t = DEMO_LABELS[prefs.language];
  return (
    <DemoLabelsContext.Provider value={t}>
      <RingkitLabelsProvider locale={prefs.language}>
      <header className="demo-header">
        <h1>{t.title}</h1>
        <PreferenceSwitches prefs={prefs} onChange={setPrefs} />
      </header>
      {session ? (
        <RingkitProvider key={session.deviceID} url={location.origin} userID={session.userID} deviceID={session.deviceID}>
          <Workspace
            userID={session.userID}
            onSignOut={() => {
              signOut();
              setSession(null);
            }}
          />
        </RingkitProvider>
      ) : (
        <SignIn onSignIn={(userID) => setSession(signIn(userID))} />
      )}
      </RingkitLabelsProvider>
    </DemoLabelsContext.Provider>
  );
}
