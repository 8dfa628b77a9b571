import { useCallback, useMemo } from 'react';
import { useStore } from 'zustand';
import { useShallow } from 'zustand/react/shallow';
import type { SignalingClient } from '../../client/SignalingClient.js';
import { isPending, type CallUser, type CallUserState, type Invitation } from '../../protocol/types.js';
import type { CancelResult, InviteResult, OperationResult } from '../../protocol/wire.js';
import { selectAcceptedInOrder } from '../../store/selectors/selectAcceptedInOrder.js';
import { selectClassroom } from '../internal/selectClassroom.js';
import { useActionRunner } from '../internal/useActionRunner.js';
import type { ActionStatus } from '../types/ActionStatus.js';
import { encodeLower, encodeRound, encodeSpeak, raiseHandKind } from '../data/raiseHandData.js';
import { useRingkitStoreApi } from './useRingkitStoreApi.js';

/**
 * Seconds a raise-hand round rings unless `ask` says otherwise.
 * @example hand.ask({ timeout: DEFAULT_ROUND_TIMEOUT * 2 })
 */
export const DEFAULT_ROUND_TIMEOUT = 60;

/**
 * Options of the teacher's `ask`.
 * @example await hand.ask({ students: ['s1', 's2'], prompt: 'Who knows?', timeout: 90 })
 */
export interface AskOptions {
  /** Who is asked (default: every member of the group but me). */
  students?: string[];
  /** A question or note shown to students (`prompt`). */
  prompt?: string;
  /** Seconds the request rings (default 60). */
  timeout?: number;
}

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
}

const NO_HANDS: readonly CallUser[] = [];

/**
 * The classroom flow over `inviteInGroup`. The teacher asks the class to raise hands (one
 * invitation to every student), sees raised hands in order, invites one student to speak (a
 * separate invitation to that student, so the round keeps its answers and everyone in the group
 * sees who speaks), and closes the round (cancels those who did not answer). A student sees the
 * request, raises a hand (accepts), and is told when invited to speak.
 * @example
 * const hand = useRaiseHand('class-1')
 * if (hand.role === 'teacher') return (
 *   <ol>{hand.raisedHands.map((u) => <li key={u.userID}><button onClick={() => hand.inviteToSpeak(u.userID)}>{u.userID}</button></li>)}</ol>
 * )
 * if (hand.asked) return <button onClick={() => hand.raiseHand()}>✋ Raise hand</button>
 * if (hand.invitedToSpeak) return <button onClick={() => hand.acceptSpeak()}>You may speak: unmute</button>
 * return <button onClick={() => hand.ask({ prompt: 'Who knows?' })}>Ask the class</button>
 */
export function useRaiseHand(groupID: string, client?: SignalingClient): UseRaiseHandResult {
  const store = useRingkitStoreApi(client);
  const { client: target } = store;
  const { run, status } = useActionRunner(store);
  const { round, speak, speaks, lowers } = useStore(store, useShallow((s) => selectClassroom(s, groupID)));
  const self = useStore(store, (s) => s.userID);
  const roundID = round?.inviteID;

  const view = useMemo(() => {
    const mine = round?.users.find((u) => u.userID === self);
    const mySpeak = speak?.users.find((u) => u.userID === self);
    const active = round?.state === 'active';
    const loweredAll = lowers.some((l) => l.inviter === round?.inviter);
    const lowered = new Set(lowers.map((l) => l.inviter));
    const accepted = round ? selectAcceptedInOrder(round.users) : NO_HANDS;
    const raisedHands = loweredAll ? NO_HANDS : lowered.size ? accepted.filter((u) => !lowered.has(u.userID)) : accepted;
    const speakStates: Record<string, CallUserState> = {};
    for (const s of speaks) for (const u of s.users) speakStates[u.userID] = u.state;
    return {
      role: round?.inviter === self ? ('teacher' as const) : mine ? ('student' as const) : null,
      open: active && round.users.some((u) => isPending(u.state)),
      closed: loweredAll || (round?.endReason === 'cancelled' && raisedHands.length === 0),
      raisedHands,
      speakStates,
      nextToSpeak: raisedHands.find((u) => !(u.userID in speakStates))?.userID ?? null,
      position: raisedHands.findIndex((u) => u.userID === self) + 1 || null,
      handLowered: mine?.state === 'accepted' && (loweredAll || lowered.has(self)),
      prompt: round ? raiseHandKind(round)?.prompt : undefined,
      speaker: speak?.users[0]?.userID ?? null,
      asked: active && mine !== undefined && isPending(mine.state),
      handRaised: mine?.state === 'accepted' && !loweredAll && !lowered.has(self),
      invitedToSpeak: mySpeak !== undefined && (isPending(mySpeak.state) || mySpeak.state === 'accepted'),
    };
  }, [round, speak, speaks, lowers, self]);

  const ask = useCallback(
    (options: AskOptions = {}) =>
      run(async () => {
        const students = options.students ?? (await target.getGroupMembers(groupID)).members.filter((m) => m !== target.userID);
        return target.inviteInGroup(groupID, students, { data: encodeRound(options.prompt), timeout: options.timeout ?? DEFAULT_ROUND_TIMEOUT });
      }),
    [run, target, groupID],
  );
  const inviteToSpeak = useCallback(
    (userID: string, options: { timeout?: number } = {}) =>
      roundID ? run(() => target.inviteInGroup(groupID, [userID], { data: encodeSpeak(roundID), timeout: options.timeout })) : Promise.resolve(undefined),
    [run, target, groupID, roundID],
  );
  const close = useCallback(
    (data?: string) => (roundID && view.open ? run(() => target.cancel(roundID, { data })) : Promise.resolve(undefined)),
    [run, target, roundID, view.open],
  );
  const teacher = round?.inviter;
  /** Sends a lower marker to `invitees` and cancels it at once (nobody is left ringing). */
  const lower = useCallback(
    (invitees: string[], data?: string) =>
      roundID
        ? run(async () => {
            const marker = await target.inviteInGroup(groupID, invitees, { data: encodeLower(roundID), timeout: 1 });
            await target.cancel(marker.inviteID, { data }).catch(() => undefined); // it may have timed out already
            return marker;
          })
        : Promise.resolve(undefined),
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

  return useMemo(
    () => ({ ...status, ...view, round, speakInvitation: speak, ask, inviteToSpeak, close, lowerAll, raiseHand, lowerHand, acceptSpeak, declineSpeak }),
    [status, view, round, speak, ask, inviteToSpeak, close, lowerAll, raiseHand, lowerHand, acceptSpeak, declineSpeak],
  );
}
