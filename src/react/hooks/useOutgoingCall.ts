import { useCallback, useMemo, useState } from 'react';
import { useStore } from 'zustand';
import { useShallow } from 'zustand/react/shallow';
import type { SignalingClient } from '../../client/SignalingClient.js';
import { isPending, type CallUser, type Invitation } from '../../protocol/types.js';
import type { CancelResult } from '../../protocol/wire.js';
import { isBusyRejection } from '../../protocol/isBusyRejection.js';
import { useActionRunner } from '../internal/useActionRunner.js';
import type { ActionStatus } from '../types/ActionStatus.js';
import { useActiveInvitations } from './useActiveInvitations.js';
import { useRingkitStoreApi } from './useRingkitStoreApi.js';
import type { OutgoingCallStatus } from '../types/OutgoingCallStatus.js';

export type { OutgoingCallStatus };

/**
 * What `useOutgoingCall` returns.
 * @example const { status, invitees, cancel }: UseOutgoingCallResult = useOutgoingCall(inviteID)
 */
export interface UseOutgoingCallResult extends ActionStatus {
  /** The invitation shown (undefined until the store holds it). */
  invitation: Invitation | undefined;
  /** Everyone invited, me excluded, in the server's order. */
  invitees: readonly CallUser[];
  status: OutgoingCallStatus;
  /** How many invitees still ring. */
  ringing: number;
  /** I invited it, so I may cancel (the server answers NO_PERMISSION to anyone else). */
  isInviter: boolean;
  /** Cancels every invitee still ringing. */
  cancel(data?: string): Promise<CancelResult | undefined>;
  /** Cancels one invitee, the others keep ringing. */
  cancelInvitee(userID: string, data?: string): Promise<CancelResult | undefined>;
}

const NOBODY: readonly CallUser[] = [];

/** The overall status of an invitation's invitees. */
function statusOf(invitation: Invitation | undefined, invitees: readonly CallUser[]): OutgoingCallStatus {
  if (!invitation) return 'idle';
  if (invitees.some((u) => u.state === 'accepted' || u.state === 'quit')) return 'answered';
  if (invitees.some((u) => isPending(u.state))) return invitation.state === 'active' ? 'calling' : 'unanswered';
  if (invitees.length > 0 && invitees.every((u) => u.state === 'cancelled')) return 'cancelled';
  if (invitees.length > 0 && invitees.every((u) => u.state === 'rejected' || isBusyRejection(u))) return 'declined';
  return 'unanswered';
}

/**
 * The live state of a call I am making: each invitee's state, the call's overall status, and
 * cancel (everyone, or one invitee). Without `inviteID` it follows my newest outgoing invitation
 * (and keeps showing it after it ends); `null` means none.
 * @example
 * const { status, invitees, cancel, cancelInvitee } = useOutgoingCall(inviteID)
 * return <>{invitees.map((u) => <p key={u.userID}>{u.userID}: {u.state} <button onClick={() => cancelInvitee(u.userID)}>×</button></p>)}
 *   {status === 'calling' && <button onClick={() => cancel()}>Cancel</button>}</>
 */
export function useOutgoingCall(inviteID?: string | null, client?: SignalingClient): UseOutgoingCallResult {
  const store = useRingkitStoreApi(client);
  const { client: target } = store;
  const { run, status: actionStatus } = useActionRunner(store);

  const outgoing = useActiveInvitations({ role: 'inviter' }, client);
  const newest = outgoing[outgoing.length - 1]?.inviteID;
  const [followed, setFollowed] = useState(newest);
  if (newest && newest !== followed) setFollowed(newest);
  const id = inviteID === undefined ? (newest ?? followed) : inviteID;

  const { invitation, me } = useStore(
    store,
    useShallow((s) => ({ invitation: id ? s.invitations[id] : undefined, me: s.userID })),
  );
  const invitees = useMemo(() => invitation?.users.filter((u) => u.userID !== me) ?? NOBODY, [invitation?.users, me]);
  const status = statusOf(invitation, invitees);
  const ringing = invitees.filter((u) => isPending(u.state)).length;

  const cancel = useCallback(
    (data?: string) => (id ? run(() => target.cancel(id, data === undefined ? {} : { data })) : Promise.resolve(undefined)),
    [run, target, id],
  );
  const cancelInvitee = useCallback(
    (userID: string, data?: string) =>
      id ? run(() => target.cancel(id, { invitees: [userID], ...(data !== undefined && { data }) })) : Promise.resolve(undefined),
    [run, target, id],
  );
  return useMemo(
    () => ({
      ...actionStatus,
      invitation,
      invitees,
      status,
      ringing,
      isInviter: !!invitation && invitation.inviter === me,
      cancel,
      cancelInvitee,
    }),
    [actionStatus, invitation, invitees, status, ringing, me, cancel, cancelInvitee],
  );
}

