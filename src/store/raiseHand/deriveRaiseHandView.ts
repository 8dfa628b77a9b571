import { isPending, type CallUser, type CallUserState } from '../../protocol/types.js';
import { selectAcceptedInOrder } from '../selectors/selectAcceptedInOrder.js';
import { raiseHandKind } from './raiseHandData.js';
import type { Classroom } from './selectClassroom.js';

/**
 * A classroom as one user sees it (see `useRaiseHand` for each field).
 * @example const { role, raisedHands, asked }: RaiseHandView = deriveRaiseHandView(classroom, 'bob')
 */
export interface RaiseHandView {
  role: 'teacher' | 'student' | null;
  open: boolean;
  closed: boolean;
  raisedHands: readonly CallUser[];
  speakStates: Readonly<Record<string, CallUserState>>;
  nextToSpeak: string | null;
  position: number | null;
  handLowered: boolean;
  prompt: string | undefined;
  speaker: string | null;
  asked: boolean;
  handRaised: boolean;
  invitedToSpeak: boolean;
}

const NO_HANDS: readonly CallUser[] = [];

/**
 * Derives the raise-hand view of `self` from a classroom (`selectClassroom`): who is teacher or
 * student, the raised hands in order (lowered ones left out), who speaks, and what I may do.
 * @example deriveRaiseHandView(selectClassroom(store.getState(), 'class-1'), 'bob').asked
 */
export function deriveRaiseHandView({ round, speak, speaks, lowers }: Classroom, self: string): RaiseHandView {
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
    role: round?.inviter === self ? 'teacher' : mine ? 'student' : null,
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
}
