import { useCallback, useMemo } from 'react';
import { useStore } from 'zustand';
import { useShallow } from 'zustand/react/shallow';
import type { SignalingClient } from '../../client/SignalingClient.js';
import { isPending, type CallUser, type CallUserState, type Invitation } from '../../protocol/types.js';
import type { CancelResult, InviteResult, OperationResult } from '../../protocol/wire.js';
import { deriveRaiseHandView } from '../../store/raiseHand/deriveRaiseHandView.js';
import { DEFAULT_ROUND_TIMEOUT, raiseHandCommands, type AskOptions } from '../../store/raiseHand/raiseHandCommands.js';
import { selectClassroom } from '../../store/raiseHand/selectClassroom.js';
import { useActionRunner } from '../internal/useActionRunner.js';
import type { ActionStatus } from '../types/ActionStatus.js';
import type { RingkitButtonProps } from './useIncomingInvitation.js';
import { useRingkitStoreApi } from './useRingkitStoreApi.js';

export { DEFAULT_ROUND_TIMEOUT, type AskOptions };

/**
 * What `useRaiseHand` returns.
 * @example const { role, raisedHands, ask, raiseHand }: UseRaiseHandResult = useRaiseHand('class-1')
 */
export interface UseRaiseHandResult extends ActionStatus {
  /** The latest round of this group (active or ended). */
  round: Invitation | undefined;
  prompt: string | undefined;
  /** The round still rings for someone. */
  open: boolean;
  /** `teacher`: I opened the round; `student`: I was asked; null: neither. */
  role: 'teacher' | 'student' | null;
  /** Students whose hand is up (accepted, not lowered since), in the order they raised it. */
  raisedHands: readonly CallUser[];
  /** The teacher lowered every hand, or closed a round in which no hand is up. */
  closed: boolean;
  /** Each student's answer to their latest invitation to speak in this round. */
  speakStates: Readonly<Record<string, CallUserState>>;
  /** The first raised hand not yet invited to speak in this round (for "invite next"). */
  nextToSpeak: string | null;
  /** The student last invited to speak in this round, seen by the whole class. */
  speaker: string | null;
  /** The speak invitation's live snapshot (its single user says whether the speaker answered). */
  speakInvitation: Invitation | undefined;
  /** Teacher: asks the class to raise hands (a normal-mode `inviteInGroup`). */
  ask(options?: AskOptions): Promise<InviteResult | undefined>;
  /** Teacher: invites one student to speak (a second, one-student invitation in the group). */
  inviteToSpeak(userID: string, options?: { timeout?: number }): Promise<InviteResult | undefined>;
  /** Teacher: closes the round, cancelling everyone who has not answered. */
  close(data?: string): Promise<CancelResult | undefined>;
  /** Teacher: lowers every raised hand and closes the round (a lower marker the class sees). */
  lowerAll(data?: string): Promise<unknown>;
  /** Student: the request rings for me. */
  asked: boolean;
  /** Student: I raised my hand in this round. */
  handRaised: boolean;
  /** Student: my place in the queue of raised hands (1 = first), or null while my hand is down. */
  position: number | null;
  /** Student: I raised my hand in this round, then lowered it (or the teacher lowered all). */
  handLowered: boolean;
  /** Student: raises my hand (accepts the round). */
  raiseHand(data?: string): Promise<OperationResult | undefined>;
  /**
   * Student: lowers my raised hand. Accepting is final in normal mode, so this sends a marker (an
   * invitation to the teacher with `encodeLower` data, cancelled at once) that every member sees;
   * a lowered hand cannot be raised again in the same round.
   */
  lowerHand(data?: string): Promise<unknown>;
  /** Student: the teacher invited me to speak and I have not declined. */
  invitedToSpeak: boolean;
  acceptSpeak(data?: string): Promise<OperationResult | undefined>;
  declineSpeak(data?: string): Promise<OperationResult | undefined>;
  /** Student: "Raise hand" (enabled while asked). */
  raiseHandButtonProps: RingkitButtonProps;
  /** Student: "Lower hand" (enabled while my hand is up). */
  lowerHandButtonProps: RingkitButtonProps;
  /** Student: accept or decline the invitation to speak (enabled while it rings for me). */
  acceptSpeakButtonProps: RingkitButtonProps;
  declineSpeakButtonProps: RingkitButtonProps;
  /** Teacher: "Invite next" (the first raised hand not yet invited; disabled when there is none). */
  inviteNextButtonProps: RingkitButtonProps;
  /** Teacher: "Lower all" (disabled once closed, or with no round open and no hand up). */
  lowerAllButtonProps: RingkitButtonProps;
  /** Teacher: "Invite to speak" for one student. */
  inviteToSpeakButtonProps(userID: string): RingkitButtonProps;
}

/**
 * The classroom flow over `inviteInGroup`. The teacher asks the class to raise hands (one
 * invitation to every student), sees raised hands in order, invites one student to speak (a
 * separate invitation to that student, so the round keeps its answers and everyone in the group
 * sees who speaks), and closes the round (cancels those who did not answer). A student sees the
 * request, raises a hand (accepts), and is told when invited to speak. The view and the commands
 * are framework-free (`deriveRaiseHandView`, `raiseHandCommands`); this hook binds them and
 * returns ready button props.
 * @example
 * const hand = useRaiseHand('class-1')
 * if (hand.role === 'teacher') return (
 *   <ol>{hand.raisedHands.map((u) => <li key={u.userID}><button {...hand.inviteToSpeakButtonProps(u.userID)}>{u.userID}</button></li>)}</ol>
 * )
 * if (hand.asked) return <button {...hand.raiseHandButtonProps}>✋ Raise hand</button>
 * if (hand.invitedToSpeak) return <button {...hand.acceptSpeakButtonProps}>You may speak: unmute</button>
 * return <button onClick={() => hand.ask({ prompt: 'Who knows?' })}>Ask the class</button>
 */
export function useRaiseHand(groupID: string, client?: SignalingClient): UseRaiseHandResult {
  const store = useRingkitStoreApi(client);
  const { client: target } = store;
  const { run, status } = useActionRunner(store);
  const classroom = useStore(store, useShallow((s) => selectClassroom(s, groupID)));
  const { round, speak } = classroom;
  const self = useStore(store, (s) => s.userID);
  const roundID = round?.inviteID;
  const view = useMemo(() => deriveRaiseHandView(classroom, self), [classroom, self]);

  const ask = useCallback((options: AskOptions = {}) => run(() => raiseHandCommands.ask(target, groupID, options)), [run, target, groupID]);
  const inviteToSpeak = useCallback(
    (userID: string, options: { timeout?: number } = {}) =>
      roundID ? run(() => raiseHandCommands.inviteToSpeak(target, groupID, roundID, userID, options)) : Promise.resolve(undefined),
    [run, target, groupID, roundID],
  );
  const close = useCallback(
    (data?: string) => (roundID && view.open ? run(() => target.cancel(roundID, { data })) : Promise.resolve(undefined)),
    [run, target, roundID, view.open],
  );
  const teacher = round?.inviter;
  const lower = useCallback(
    (invitees: string[], data?: string) => (roundID ? run(() => raiseHandCommands.lower(target, groupID, roundID, invitees, data)) : Promise.resolve(undefined)),
    [run, target, groupID, roundID],
  );
  const handsUp = view.raisedHands;
  const lowerAll = useCallback(
    async (data?: string) => {
      if (view.closed) return undefined;
      const closed = view.open ? await close(data) : undefined;
      return handsUp.length > 0 ? lower(handsUp.map((u) => u.userID), data) : closed;
    },
    [view.closed, view.open, close, lower, handsUp],
  );
  const lowerHand = useCallback(
    (data?: string) => (view.handRaised && teacher ? lower([teacher], data) : Promise.resolve(undefined)),
    [view.handRaised, teacher, lower],
  );
  const answer = useCallback(
    (inviteID: string | undefined, action: 'accept' | 'reject', data?: string) =>
      inviteID ? run(() => target[action](inviteID, { data })) : Promise.resolve(undefined),
    [run, target],
  );
  const speakID = speak?.inviteID;
  const raiseHand = useCallback((data?: string) => answer(roundID, 'accept', data), [answer, roundID]);
  const acceptSpeak = useCallback((data?: string) => answer(speakID, 'accept', data), [answer, speakID]);
  const declineSpeak = useCallback((data?: string) => answer(speakID, 'reject', data), [answer, speakID]);

  const busy = status.pending || status.disabled;
  const mySpeak = view.invitedToSpeak ? speak?.users[0]?.state : undefined;
  const next = view.nextToSpeak;
  const bags = useMemo(() => {
    const button = (action: string, off: boolean, act: () => unknown): RingkitButtonProps => ({
      type: 'button',
      disabled: busy || off,
      onClick: () => void act(),
      'data-rk-action': action,
    });
    const speakRings = mySpeak !== undefined && isPending(mySpeak);
    return {
      raiseHandButtonProps: button('raise-hand', !view.asked, () => raiseHand()),
      lowerHandButtonProps: button('lower-hand', !view.handRaised, () => lowerHand()),
      acceptSpeakButtonProps: button('accept-speak', !speakRings, () => acceptSpeak()),
      declineSpeakButtonProps: button('decline-speak', !speakRings, () => declineSpeak()),
      inviteNextButtonProps: button('invite-next', !next, () => next && inviteToSpeak(next)),
      lowerAllButtonProps: button('lower-all', view.closed || (!view.open && view.raisedHands.length === 0), () => lowerAll()),
      inviteToSpeakButtonProps: (userID: string) => button('invite-to-speak', false, () => inviteToSpeak(userID)),
    };
  }, [busy, mySpeak, next, view, raiseHand, lowerHand, acceptSpeak, declineSpeak, inviteToSpeak, lowerAll]);

  return useMemo(
    () => ({ ...status, ...view, round, speakInvitation: speak, ask, inviteToSpeak, close, lowerAll, raiseHand, lowerHand, acceptSpeak, declineSpeak, ...bags }),
    [status, view, round, speak, ask, inviteToSpeak, close, lowerAll, raiseHand, lowerHand, acceptSpeak, declineSpeak, bags],
  );
}
