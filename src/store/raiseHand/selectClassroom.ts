import type { Invitation } from '../../protocol/types.js';
import type { RingkitState } from '../RingkitState.js';
import { raiseHandKind } from './raiseHandData.js';

/**
 * The latest raise-hand round of a group, the invitations to speak in it and its lower-hand markers.
 * @example const { round, speak }: Classroom = selectClassroom(store.getState(), 'class-1')
 */
export interface Classroom {
  round: Invitation | undefined;
  /** The latest invitation to speak in the round. */
  speak: Invitation | undefined;
  /** Every invitation to speak in the round, oldest first. */
  speaks: readonly Invitation[];
  /** The round's lower-hand markers, oldest first. */
  lowers: readonly Invitation[];
}

const NONE: readonly Invitation[] = [];
const cache = new WeakMap<RingkitState['invitations'], Map<string, Classroom>>();
const byCreateTime = (a: Invitation, b: Invitation) => a.createTime - b.createTime;

/**
 * The classroom of `groupID` in the store: stored invitation references, memoized per invitations record.
 * @example deriveRaiseHandView(selectClassroom(store.getState(), 'class-1'), store.getState().userID)
 */
export function selectClassroom(state: RingkitState, groupID: string): Classroom {
  let byGroup = cache.get(state.invitations);
  if (!byGroup) cache.set(state.invitations, (byGroup = new Map()));
  let classroom = byGroup.get(groupID);
  if (!classroom) {
    const mine = Object.values(state.invitations).filter((i) => i.groupID === groupID);
    const latest = (list: Invitation[]) => list.reduce<Invitation | undefined>((a, b) => (!a || b.createTime >= a.createTime ? b : a), undefined);
    const round = latest(mine.filter((i) => raiseHandKind(i)?.kind === 'round'));
    const inRound = (kind: 'speak' | 'lower') =>
      round ? mine.filter((i) => { const k = raiseHandKind(i); return k?.kind === kind && k.roundID === round.inviteID; }).sort(byCreateTime) : [];
    const speaks = inRound('speak');
    const lowers = inRound('lower');
    classroom = { round, speak: speaks[speaks.length - 1], speaks: speaks.length ? speaks : NONE, lowers: lowers.length ? lowers : NONE };
    byGroup.set(groupID, classroom);
  }
  return classroom;
}
