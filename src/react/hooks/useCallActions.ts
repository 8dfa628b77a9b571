import { useCallback, useMemo } from 'react';
import { useStore } from 'zustand';
import type { CallingInviteOptions, SignalingClient } from '../../client/SignalingClient.js';
import type { InviteResult, OperationResult } from '../../protocol/wire.js';
import { selectCallUser } from '../../store/selectors/selectCallUser.js';
import { useActionRunner } from '../internal/useActionRunner.js';
import type { ActionStatus } from '../types/ActionStatus.js';
import { useRingkitStoreApi } from './useRingkitStoreApi.js';

/**
 * Which actions the protocol allows me right now (advisory: the server decides).
 * @example const { can } = useCallActions(inviteID); <button disabled={!can.end}>End for all</button>
 */
export interface CallActionsAllowed {
  callingInvite: boolean;
  join: boolean;
  quit: boolean;
  end: boolean;
}

/**
 * What `useCallActions` returns.
 * @example const { callingInvite, can }: UseCallActionsResult = useCallActions(inviteID); if (can.callingInvite) await callingInvite(['dave'])
 */
export interface UseCallActionsResult extends ActionStatus {
  /** Invites more users into the call (I must be in it). */
  callingInvite(invitees: string[], options?: CallingInviteOptions): Promise<InviteResult | undefined>;
  /** Joins the call, or moves it to this device when I am in it on another one. */
  join(data?: string): Promise<OperationResult | undefined>;
  /** Leaves the call; it goes on for the others. */
  quit(data?: string): Promise<OperationResult | undefined>;
  /** Ends the call for everyone. */
  end(data?: string): Promise<OperationResult | undefined>;
  can: CallActionsAllowed;
}

/**
 * The advanced-call actions `callingInvite`, `join`, `quit` and `end` for one invitation, with
 * pending/error state and what is allowed now.
 * @example
 * const { join, quit, end, can, error } = useCallActions(inviteID)
 * <button disabled={!can.join} onClick={() => join()}>Join</button>
 * <button disabled={!can.quit} onClick={() => quit()}>Leave</button>
 * <button disabled={!can.end} onClick={() => end()}>End for all</button>
 */
export function useCallActions(inviteID: string | null | undefined, client?: SignalingClient): UseCallActionsResult {
  const store = useRingkitStoreApi(client);
  const { client: target } = store;
  const { run, status } = useActionRunner(store);
  const open = useStore(store, (s) => {
    const invitation = inviteID ? s.invitations[inviteID] : undefined;
    return invitation?.mode === 'advanced' && invitation.state === 'active';
  });
  const me = useStore(store, (s) => selectCallUser(s, inviteID, s.userID));
  const inCallHere = open && me?.state === 'accepted' && (me.deviceID === undefined || me.deviceID === target.deviceID);
  const inCall = open && me?.state === 'accepted';
  const ready = !status.disabled;

  const callingInvite = useCallback(
    (invitees: string[], options?: CallingInviteOptions) =>
      inviteID ? run(() => target.callingInvite(inviteID, invitees, options)) : Promise.resolve(undefined),
    [run, target, inviteID],
  );
  const act = useCallback(
    (action: 'join' | 'quit' | 'end', data?: string) => (inviteID ? run(() => target[action](inviteID, { data })) : Promise.resolve(undefined)),
    [run, target, inviteID],
  );
  const join = useCallback((data?: string) => act('join', data), [act]);
  const quit = useCallback((data?: string) => act('quit', data), [act]);
  const end = useCallback((data?: string) => act('end', data), [act]);
  const can = useMemo(
    () => ({ callingInvite: ready && inCall, join: ready && open && !inCallHere, quit: ready && inCall, end: ready && inCall }),
    [ready, inCall, open, inCallHere],
  );
  return useMemo(() => ({ ...status, callingInvite, join, quit, end, can }), [status, callingInvite, join, quit, end, can]);
}
