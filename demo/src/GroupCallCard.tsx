import { useState } from 'react';
import type { Invitation } from '../../src/index.js';
import { isPending } from '../../src/protocol/types.js';
import { parseCallData, useCallActions, useCallUser, useCallUsers, useIncomingInvitation, useRingkitStore } from '../../src/react/index.js';
import { MemberChoice } from './MemberChoice.js';
import { useDemoLabels } from './labels.js';

/**
 * One group call: its participants and states, and what I can do in it now.
 * @example <GroupCallCard invitation={invitation} online={online} />
 */
export function GroupCallCard({ invitation, online }: { invitation: Invitation; online: readonly string[] }) {
  const t = useDemoLabels();
  const self = useRingkitStore((s) => s.userID);
  const { inviteID } = invitation;
  const { users } = useCallUsers(inviteID);
  const me = useCallUser(inviteID, self);
  const actions = useCallActions(inviteID);
  const ringing = useIncomingInvitation();
  const [adding, setAdding] = useState<readonly string[]>([]);
  const inCall = new Set(users.filter((u) => u.state === 'accepted' || isPending(u.state)).map((u) => u.userID));
  const addable = online.filter((u) => !inCall.has(u));
  const ringsForMe = me !== undefined && isPending(me.state);
  const heading = `demo-group-${inviteID}`;
  return (
    <article className="demo-card" aria-labelledby={heading}>
      <h3 id={heading}>{t.groupCall(invitation.inviter)}</h3>
      <ul aria-label={t.participants} className="demo-participants">
        {users.map((u) => (
          <li key={u.userID} data-rk-state={u.state}>
            {u.userID} <span className="demo-state">{u.state}</span>
          </li>
        ))}
      </ul>
      {me?.state === 'accepted' && <p className="demo-media">{t.mediaNote(parseCallData(invitation.data)?.roomID ?? '')}</p>}
      <div className="demo-actions">
        {ringsForMe && (
          <>
            <button type="button" className="rk-button" data-rk-variant="accept" onClick={() => void ringing.accept(undefined, inviteID)}>
              {t.accept}
            </button>
            <button type="button" className="rk-button" data-rk-variant="reject" onClick={() => void ringing.reject(undefined, inviteID)}>
              {t.reject}
            </button>
          </>
        )}
        {!ringsForMe && actions.can.join && (
          <button type="button" className="rk-button" onClick={() => void actions.join()}>
            {t.join}
          </button>
        )}
        {actions.can.quit && (
          <button type="button" className="rk-button" onClick={() => void actions.quit()}>
            {t.quit}
          </button>
        )}
        {actions.can.end && (
          <button type="button" className="rk-button" data-rk-variant="reject" onClick={() => void actions.end()}>
            {t.end}
          </button>
        )}
      </div>
      {actions.can.callingInvite && (
        <div className="demo-add">
          <MemberChoice label={t.addPeople} candidates={addable} picked={adding} onChange={setAdding} />
          <button type="button" className="rk-button" disabled={adding.length === 0} onClick={() => void actions.callingInvite([...adding]).then((r) => r && setAdding([]))}>
            {t.invite}
          </button>
        </div>
      )}
      {actions.error && <p className="demo-problem">{actions.error.message}</p>}
    </article>
  );
}
