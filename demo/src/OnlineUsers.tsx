import { useDemoLabels } from './labels.js';

/**
 * Who is online, each with a "Call <userID>" button.
 * @example <OnlineUsers online={['alice', 'bob']} self="alice" disabled={false} onCall={dial} />
 */
export function OnlineUsers({ online, self, disabled, onCall }: { online: readonly string[]; self: string; disabled: boolean; onCall: (userID: string) => void }) {
  const t = useDemoLabels();
  const others = online.filter((u) => u !== self);
  return (
    <section aria-labelledby="demo-online">
      <h2 id="demo-online">{t.online}</h2>
      <ul className="demo-online" aria-labelledby="demo-online">
        <li>
          <span className="demo-avatar" aria-hidden="true">{self.slice(0, 1).toUpperCase()}</span> {self} {t.you}
        </li>
        {others.map((userID) => (
          <li key={userID}>
            <span className="demo-avatar" aria-hidden="true">{userID.slice(0, 1).toUpperCase()}</span> {userID}
            <button type="button" disabled={disabled} onClick={() => onCall(userID)}>
              {t.callUser(userID)}
            </button>
          </li>
        ))}
      </ul>
      {others.length === 0 && <p className="demo-hint">{t.nobodyOnline}</p>}
    </section>
  );
}
