import type { RingkitErrorInfo } from '../../store/RingkitState.js';

/**
 * What every action hook reports besides its actions: a request is running, the last one failed,
 * or actions are disabled (and why).
 * @example const { pending, error, disabled }: ActionStatus = useInvite()
 */
export interface ActionStatus {
  /** A request started by this hook is running. */
  pending: boolean;
  /** The last failure of an action of this hook (cleared when the next one starts). */
  error: RingkitErrorInfo | null;
  /** True while not connected: actions then fail at once with `disabledReason`. */
  disabled: boolean;
  disabledReason: RingkitErrorInfo | null;
}
