import { cancelCall } from '../../client/cancelCall.js';
import type { InviteOptions, SignalingClient } from '../../client/SignalingClient.js';
import { REDIAL_DATA } from '../../protocol/isRedialCancel.js';
import { isPending } from '../../protocol/types.js';
import type { InviteResult } from '../../protocol/wire.js';
import type { RingkitState } from '../RingkitState.js';
import { selectUnansweredCallsTo } from '../selectors/selectUnansweredCallsTo.js';

/**
 * `invite` options plus the redial switch of `inviteReplacingEarlier`.
 * @example const o: RedialOptions = { mode: 'advanced', timeout: 45, replaceEarlier: false }
 */
export interface RedialOptions extends InviteOptions {
  /**
   * Calling one person while an earlier invitation of mine to them alone still rings (placed from
   * any of my devices, e.g. a tab that crashed) cancels that earlier one once the new one rings.
   * Default true; it only ever applies to a single invitee without a group.
   */
  replaceEarlier?: boolean;
}

/**
 * A redial replaces the call it repeats: invites, then, when the invitation is to one person and
 * rings for them, cancels my earlier invitations (same mode) still ringing for that person alone
 * (`selectUnansweredCallsTo`, read from `state` before inviting) with data `REDIAL_DATA`; an
 * advanced call left holding only me is ended (`cancelCall`). Invite first, cancel second: the
 * callee never goes without a ringing call from me (cancelling first would stop the ring, say
 * "missed call", then ring again, and leave nothing ringing if the invite failed), and has two for
 * one round trip at most, the newest shown first (`selectRingingInvitations`). Resolves with the
 * invite's result once the cancels are answered; a cancel that fails (the callee answered the old
 * call meanwhile) is ignored. The client's own `invite` never does this: it keeps the protocol's
 * meaning.
 * @example const { inviteID } = await inviteReplacingEarlier(store.client, store.getState(), 'bob', { mode: 'advanced' })
 */
export async function inviteReplacingEarlier(
  client: SignalingClient,
  state: RingkitState,
  invitees: string | string[],
  options: RedialOptions = {},
): Promise<InviteResult> {
  const { replaceEarlier = true, ...inviteOptions } = options;
  const list = Array.isArray(invitees) ? invitees : [invitees];
  const peer = list.length === 1 ? list[0]! : undefined;
  const earlier = replaceEarlier && peer !== undefined ? selectUnansweredCallsTo(state, peer, inviteOptions.mode ?? 'normal') : [];
  const result = await client.invite(invitees, inviteOptions);
  const rings = result.invitation.users.some((u) => u.userID === peer && isPending(u.state));
  if (rings) await Promise.allSettled(earlier.map((i) => cancelCall(client, i.inviteID, { data: REDIAL_DATA })));
  return result;
}
