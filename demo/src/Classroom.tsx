import { useRaiseHand } from '../../src/react/index.js';
import { CLASSROOM_GROUP } from './groups.js';
import { useDemoLabels } from './labels.js';
import { useGroupMembership } from './useGroupMembership.js';

/**
 * The classroom: the first member of the class group is the teacher, who asks the class to raise
 * hands, sees the raised hands in order and invites one student to speak; students raise a hand
 * and answer the invitation to speak (`useRaiseHand`).
 * @example <Classroom self="alice" />
 */
export function Classroom({ self }: { self: string }) {
  const t = useDemoLabels();
  const { members } = useGroupMembership(CLASSROOM_GROUP, { refreshMs: 4000 });
  const hand = useRaiseHand(CLASSROOM_GROUP);
  if (!members) return <p>{t.joining}</p>;
  const teacher = members[0] ?? self;
  const isTeacher = teacher === self;
  const speakState = hand.speakInvitation?.users[0]?.state;
  return (
    <section aria-labelledby="demo-classroom" className="demo-classroom">
      <h2 id="demo-classroom">{t.classroom}</h2>
      <p>{isTeacher ? t.teacherIntro : t.studentIntro(teacher)}</p>
      {isTeacher ? (
        <>
          <p className="demo-hint">{t.students(members.length - 1)}</p>
          <div className="demo-actions">
            <button type="button" disabled={hand.open || hand.disabled || hand.pending || members.length < 2} onClick={() => void hand.ask()}>
              {t.askToRaiseHands}
            </button>
            {hand.open && (
              <button type="button" onClick={() => void hand.close()}>
                {t.closeRound}
              </button>
            )}
          </div>
        </>
      ) : (
        <div className="demo-actions">
          {hand.asked ? (
            <button type="button" className="demo-accept" disabled={hand.pending} onClick={() => void hand.raiseHand()}>
              ✋ {t.raiseHand}
            </button>
          ) : (
            <p>{hand.handRaised ? t.handRaised : t.waitForTeacher}</p>
          )}
        </div>
      )}
      <h3 id="demo-raised">{t.raisedHands}</h3>
      {hand.raisedHands.length === 0 ? (
        <p className="demo-hint">{t.noHands}</p>
      ) : (
        <ol aria-labelledby="demo-raised" className="demo-hands">
          {hand.raisedHands.map((u) => (
            <li key={u.userID}>
              <span>{u.userID}</span>
              {isTeacher && hand.speaker !== u.userID && (
                <button type="button" onClick={() => void hand.inviteToSpeak(u.userID)}>
                  {t.inviteToSpeak(u.userID)}
                </button>
              )}
            </li>
          ))}
        </ol>
      )}
      <p role="status">{hand.speaker ? (hand.speaker === self && speakState === 'accepted' ? t.youSpeak : t.speaking(hand.speaker)) : ''}</p>
      {hand.invitedToSpeak && speakState !== 'accepted' && (
        <div role="group" aria-labelledby="demo-speak" className="demo-card">
          <p id="demo-speak">{t.invitedToSpeak}</p>
          <div className="demo-actions">
            <button type="button" className="demo-accept" onClick={() => void hand.acceptSpeak()}>
              {t.speak}
            </button>
            <button type="button" onClick={() => void hand.declineSpeak()}>
              {t.decline}
            </button>
          </div>
        </div>
      )}
      {hand.error && <p className="demo-problem">{hand.error.message}</p>}
    </section>
  );
}
