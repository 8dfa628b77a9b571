import { isPending, type Invitation } from '../../src/index.js';
import {
  CallView,
  InviteMembersPicker,
  ParticipantList,
  useCallActions,
  useCallUser,
  useIncomingInvitation,
  useRingkitStore,
} from '../../src/react/index.js';
import { useDemoLabels } from './labels.js';

/**
 * One group call: its participants and states (the kit's `ParticipantList`), what I can do in it
 * now, and adding people who are online (the kit's `InviteMembersPicker`).
 * @example <GroupCallCard invitation={invitation} online={online} />
 */
export function GroupCallCard({ invitation, online }: { invitation: Invitation; online: readonly string[] }) {
  const t = useDemoLabels();
  const self = useRingkitStore((s) => s.userID);
  const { inviteID } = invitation;
  const me = useCallUser(inviteID, self);
  const actions = useCallActions(inviteID);
  const ringing = useIncomingInvitation();
  const ringsForMe = me !== undefined && isPending(me.state);
  const heading = `demo-group-${inviteID}`;
  return (
    <article className="demo-card" aria-labelledby={heading}>
      <h3 id={heading}>{t.groupCall(invitation.inviter)}</h3>
      <ParticipantList inviteID={inviteID} className="demo-participants" />
      {me?.state === 'accepted' && <CallView className="demo-call" hangUp={false} options={{ inviteID, iceServers: [] }} />}
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
      {actions.can.callingInvite && <InviteMembersPicker inviteID={inviteID} members={online} className="demo-add" />}
      {actions.error && <p className="demo-problem">{actions.error.message}</p>}
    </article>
  );
}
