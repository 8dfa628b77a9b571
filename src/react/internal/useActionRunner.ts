import { useCallback, useMemo, useState } from 'react';
import { useStore } from 'zustand';
import type { ConnectionState } from '../../protocol/events.js';
import type { RingkitStore } from '../../store/createRingkitStore.js';
import type { RingkitErrorInfo } from '../../store/RingkitState.js';
import type { ActionStatus } from '../types/ActionStatus.js';
import { toErrorInfo } from '../../store/toErrorInfo.js';

const DISABLED_REASONS: Record<ConnectionState, RingkitErrorInfo | null> = {
  connected: null,
  connecting: { code: 'NOT_CONNECTED', message: 'not connected yet (connecting)' },
  reconnecting: { code: 'NOT_CONNECTED', message: 'the connection was lost (reconnecting)' },
  disconnected: { code: 'NOT_CONNECTED', message: 'not connected (disconnected)' },
};

/**
 * Runs client requests for an action hook: never throws (a failure becomes `error` and the
 * store's `lastError`, and the call resolves to undefined), refuses while disconnected, and counts
 * running requests.
 */
export function useActionRunner(store: RingkitStore) {
  const connectionState = useStore(store, (s) => s.connectionState);
  const [running, setRunning] = useState(0);
  const [error, setError] = useState<RingkitErrorInfo | null>(null);

  const run = useCallback(
    async <R>(operation: () => Promise<R>): Promise<R | undefined> => {
      const refused = DISABLED_REASONS[store.getState().connectionState];
      if (refused) {
        setError(refused);
        return undefined;
      }
      setError(null);
      setRunning((n) => n + 1);
      try {
        return await operation();
      } catch (failure) {
        const info = toErrorInfo(failure);
        store.reportError(info);
        setError(info);
        return undefined;
      } finally {
        setRunning((n) => n - 1);
      }
    },
    [store],
  );

  const disabledReason = DISABLED_REASONS[connectionState];
  const status = useMemo<ActionStatus>(
    () => ({ pending: running > 0, error, disabled: disabledReason !== null, disabledReason }),
    [running, error, disabledReason],
  );
  return { run, status };
}
