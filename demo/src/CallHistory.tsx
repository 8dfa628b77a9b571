import type { Invitation } from '../../src/index.js';
import { parseJSONObject, raiseHandKind, useInvitationList, useRingkitStore } from '../../src/react/index.js';
import { useDemoLabels, type DemoLabels } from './labels.js';

/** One line of the history for `self`, and whether it is a missed call. */
function describe(invitation: Invitation, self: string, t: DemoLabels): { text: string; missed: boolean } {
  const others = invitation.users.filter((u) => u.userID !== self).map((u) => u.userID);
  if (invitation.groupID) return { text: t.groupCallBy(invitation.inviter), missed: false };
  if (invitation.inviter === self) {
    const answer = invitation.users.find((u) => u.userID !== self);
    const busy = answer?.reason === 'busy' || (answer?.data !== undefined && parseJSONObject(answer.data)?.reason === 'busy');
    const outcome =
      answer?.state === 'rejected'
        ? ` · ${(busy ? t.ended.busy : t.ended.rejected)(answer.userID)}`
        : answer?.state === 'timeout'
          ? ` · ${t.ended.timeout(answer.userID)}`
          : '';
    return { text: `${t.outgoingTo(others.join(', '))}${outcome}`, missed: false };
  }
  const me = invitation.users.find((u) => u.userID === self);
  const missed = me?.state === 'timeout' || me?.state === 'cancelled';
  return { text: missed ? t.missedFrom(invitation.inviter) : t.incomingFrom(invitation.inviter), missed };
}

/**
 * The call records of the signed-in user, newest first, with missed calls marked
 * (`useInvitationList`, kept live by the client's events).
 * @example <CallHistory />
 */
export function CallHistory() {
  const t = useDemoLabels();
  const self = useRingkitStore((s) => s.userID);
  const { invitations, hasNextPage, fetchNextPage } = useInvitationList({ count: 10 });
  const calls = invitations.filter((i) => !raiseHandKind(i));
  return (
    <section aria-labelledby="demo-history">
      <h2 id="demo-history">{t.history}</h2>
      {calls.length === 0 ? (
        <p className="demo-hint">{t.noHistory}</p>
      ) : (
        <ul className="demo-history" aria-labelledby="demo-history">
          {calls.map((invitation) => {
            const { text, missed } = describe(invitation, self, t);
            return (
              <li key={invitation.inviteID} data-missed={missed || undefined}>
                <span>{text}</span> <time dateTime={new Date(invitation.createTime).toISOString()}>{new Date(invitation.createTime).toLocaleTimeString()}</time>
              </li>
            );
          })}
        </ul>
      )}
      {hasNextPage && (
        <button type="button" className="rk-button" onClick={() => void fetchNextPage()}>
          {t.loadMore}
        </button>
      )}
    </section>
  );
}
