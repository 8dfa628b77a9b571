import type { CallUserState } from '../../../protocol/types.js';
import { isPending } from '../../../protocol/types.js';
import type { RaiseHandPanelLabels } from '../../labels/raiseHandPanelLabels.js';

/**
 * The answer to an invitation to speak, in words and as a `data-rk-state` key.
 * @example speakLabel('accepted', labels) // { key: 'speaking', text: 'Speaking' }
 */
export function speakLabel(state: CallUserState, labels: RaiseHandPanelLabels): { key: keyof RaiseHandPanelLabels['speakState']; text: string } {
  const key = isPending(state) ? 'invited' : state === 'accepted' ? 'speaking' : state === 'rejected' ? 'declined' : 'noAnswer';
  return { key, text: labels.speakState[key] };
}
