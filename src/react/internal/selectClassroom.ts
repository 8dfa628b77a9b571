import type { Invitation } from '../../protocol/types.js';
import type { RingkitState } from '../../store/RingkitState.js';
import { raiseHandKind } from '../data/raiseHandData.js';

/** The latest raise-hand round of a group and the latest invitation to speak in it. */
export interface Classroom {
  round: Invitation | undefined;
  speak: Invitation | undefined;
}

const cache = new WeakMap<RingkitState['invitations'], Map<string, Classroom>>();

/** The classroom of `groupID` in the store: stored invitation references, memoized per invitations record. */
export function selectClassroom(state: RingkitState, groupID: string): Classroom {
  let byGroup = cache.get(state.invitations);
  if (!byGroup) cache.set(state.invitations, (byGroup = new Map()));
  let classroom = byGroup.get(groupID);
  if (!classroom) {
    const mine = Object.values(state.invitations).filter((i) => i.groupID === groupID);
    const latest = (list: Invitation[]) => list.reduce<Invitation | undefined>((a, b) => (!a || b.createTime >= a.createTime ? b : a), undefined);
    const round = latest(mine.filter((i) => raiseHandKind(i)?.kind === 'round'));
    const speak = round ? latest(mine.filter((i) => raiseHandKind(i)?.roundID === round.inviteID)) : undefined;
    byGroup.set(groupID, (classroom = { round, speak }));
  }
  return classroom;
}
