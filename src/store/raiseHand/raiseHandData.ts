import type { Invitation } from '../../protocol/types.js';
import { parseJSONObject } from '../../protocol/parseJSONObject.js';

/**
 * What a classroom invitation made by `useRaiseHand` is: a round asking the class to raise hands,
 * the invitation of one student to speak in a round, or a `lower` marker (a student lowering their
 * hand, or the teacher lowering every hand: an invitation cancelled at once, which the whole group
 * sees because accepted is final in normal mode).
 * @example const kind = raiseHandKind(invitation) // 'round' | 'speak' | 'lower' | undefined
 */
export type RaiseHandKind = 'round' | 'speak' | 'lower';

/**
 * The `data` of a raise-hand round.
 * @example client.inviteInGroup('class-1', students, { data: encodeRound('Who knows?') })
 */
export function encodeRound(prompt?: string): string {
  return JSON.stringify({ ringkit: 'raiseHand', ...(prompt !== undefined && { prompt }) });
}

/**
 * The `data` of an invitation to speak in `roundID`.
 * @example client.inviteInGroup('class-1', ['s3'], { data: encodeSpeak(roundID) })
 */
export function encodeSpeak(roundID: string): string {
  return JSON.stringify({ ringkit: 'speak', roundID });
}

/**
 * The `data` of a marker lowering hands in `roundID` (the student's own, or every hand when the
 * teacher sends it).
 * @example client.inviteInGroup('class-1', [teacher], { data: encodeLower(roundID) })
 */
export function encodeLower(roundID: string): string {
  return JSON.stringify({ ringkit: 'lowerHand', roundID });
}

/**
 * Which raise-hand invitation this is, with its round (for `speak`) and prompt (for `round`).
 * @example raiseHandKind(invitation)?.kind === 'round'
 */
export function raiseHandKind(invitation: Invitation): { kind: RaiseHandKind; roundID?: string; prompt?: string } | undefined {
  const data = parseJSONObject(invitation.data);
  if (data?.ringkit === 'raiseHand') return { kind: 'round', ...(typeof data.prompt === 'string' && { prompt: data.prompt }) };
  if (data?.ringkit === 'speak' && typeof data.roundID === 'string') return { kind: 'speak', roundID: data.roundID };
  if (data?.ringkit === 'lowerHand' && typeof data.roundID === 'string') return { kind: 'lower', roundID: data.roundID };
  return undefined;
}

/**
 * A raise-hand lower marker: cancelled the moment it is sent, so it never rings and is never announced.
 * @example ringing.filter((i) => !isLowerMarker(i))
 */
export function isLowerMarker(invitation: Invitation): boolean {
  return raiseHandKind(invitation)?.kind === 'lower';
}
