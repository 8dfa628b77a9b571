import { useCallback, useMemo, useState } from 'react';
import type { CancelOptions, InviteOptions, SignalingClient } from '../../client/SignalingClient.js';
import { inviteReplacingEarlier, type RedialOptions } from '../../store/rules/inviteReplacingEarlier.js';
import type { Invitation } from '../../protocol/types.js';
import type { CancelResult, ErrorInvitee, InviteResult } from '../../protocol/wire.js';
import { useActionRunner } from '../internal/useActionRunner.js';
import type { ActionStatus } from '../types/ActionStatus.js';
import { useInvitation } from './useInvitation.js';
import { useRingkitStoreApi } from './useRingkitStoreApi.js';

/**
 * What `useInvite` returns.
 * @example const { invite, invitation, errorInvitees }: UseInviteResult = useInvite(); await invite(['bob', 'carol'])
 */
export interface UseInviteResult extends ActionStatus {
  /**
   * Invites users; the new invitation becomes `invitation`. Resolves undefined on failure (see
   * `error`). Inviting one person again while an earlier invitation of mine to them alone still
   * rings (from this or another of my devices, e.g. a tab that crashed) replaces it: once the new
   * one rings, the earlier one is cancelled (`inviteReplacingEarlier`); `replaceEarlier: false`
   * keeps both ringing.
   */
  invite(invitees: string | string[], options?: RedialOptions): Promise<InviteResult | undefined>;
  /** Invites members of a group; the new invitation becomes `invitation`. */
  inviteInGroup(groupID: string, invitees: string[], options?: InviteOptions): Promise<InviteResult | undefined>;
  /** Cancels pending invitees of `invitation` (all, or `options.invitees`). */
  cancel(options?: CancelOptions): Promise<CancelResult | undefined>;
  /** The last invitation sent from this hook. */
  inviteID: string | null;
  /** Its live snapshot (every user's state as the server reports it). */
  invitation: Invitation | undefined;
  /** Invitees the last invite skipped, with the reason. */
  errorInvitees: readonly ErrorInvitee[];
}

const NONE: readonly ErrorInvitee[] = [];

/**
 * `invite`, `inviteInGroup` and `cancel` as mutations with pending and error state, and the live
 * state of the outgoing invitation. Calling the same one person again replaces my earlier
 * invitation to them that still rings (a redial: the callee never has two calls from me for long);
 * pass `replaceEarlier: false` to `invite` to keep it.
 * @example
 * const { invite, cancel, invitation, pending, error, disabled } = useInvite()
 * <button disabled={disabled || pending} onClick={() => invite(['bob', 'carol'], { timeout: 30 })}>Ring</button>
 * {invitation?.users.map((u) => <span key={u.userID}>{u.userID}: {u.state}</span>)}
 * {error && <p role="alert">{error.code}</p>}
 */
export function useInvite(client?: SignalingClient): UseInviteResult {
  const store = useRingkitStoreApi(client);
  const { client: target } = store;
  const { run, status } = useActionRunner(store);
  const [sent, setSent] = useState<{ inviteID: string; errorInvitees: readonly ErrorInvitee[] } | null>(null);
  const inviteID = sent?.inviteID ?? null;
  const invitation = useInvitation(inviteID, target);

  const remember = useCallback((result: InviteResult | undefined) => {
    if (result) setSent({ inviteID: result.inviteID, errorInvitees: result.errorInvitees });
    return result;
  }, []);
  const invite = useCallback(
    (invitees: string | string[], options?: RedialOptions) =>
      run(() => inviteReplacingEarlier(target, store.getState(), invitees, options)).then(remember),
    [run, target, store, remember],
  );
  const inviteInGroup = useCallback(
    (groupID: string, invitees: string[], options?: InviteOptions) => run(() => target.inviteInGroup(groupID, invitees, options)).then(remember),
    [run, target, remember],
  );
  const cancel = useCallback(
    (options?: CancelOptions) => (inviteID ? run(() => target.cancel(inviteID, options)) : Promise.resolve(undefined)),
    [run, target, inviteID],
  );
  return useMemo(
    () => ({ ...status, invite, inviteInGroup, cancel, inviteID, invitation, errorInvitees: sent?.errorInvitees ?? NONE }),
    [status, invite, inviteInGroup, cancel, inviteID, invitation, sent],
  );
}
