import { UserAvatar, useDisplayUser } from '../../src/react/index.js';
import { useDemoLabels } from './labels.js';

/** A user's avatar (the kit's `UserAvatar`) and name. */
function Person({ userID }: { userID: string }) {
  return (
    <>
      <UserAvatar user={useDisplayUser(userID)} size="small" /> {userID}
    </>
  );
}

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
          <Person userID={self} /> {t.you}
        </li>
        {others.map((userID) => (
          <li key={userID}>
            <Person userID={userID} />
            <button type="button" className="rk-button" disabled={disabled} onClick={() => onCall(userID)}>
              {t.callUser(userID)}
            </button>
          </li>
        ))}
      </ul>
      {others.length === 0 && <p className="demo-hint">{t.nobodyOnline}</p>}
    </section>
  );
}
