import type { SignalingClient } from '../../client/SignalingClient.js';
import type { InviteResult } from '../../protocol/wire.js';
import { encodeLower, encodeRound, encodeSpeak } from './raiseHandData.js';

/**
 * Seconds a raise-hand round rings unless `ask` says otherwise.
 * @example hand.ask({ timeout: DEFAULT_ROUND_TIMEOUT * 2 })
 */
export const DEFAULT_ROUND_TIMEOUT = 60;

/**
 * Options of the teacher's `ask`.
 * @example await hand.ask({ students: ['s1', 's2'], prompt: 'Who knows?', timeout: 90 })
 */
export interface AskOptions {
  /** Who is asked (default: every member of the group but me). */
  students?: string[];
  /** A question or note shown to students (`prompt`). */
  prompt?: string;
  /** Seconds the request rings (default 60). */
  timeout?: number;
}

/**
 * The classroom's commands over `inviteInGroup`, framework-free (`useRaiseHand` binds them). A
 * round is a normal-mode invitation to the class; an invitation to speak is a second one to one
 * student; a lower-hand marker is an invitation to the teacher (or to the raised hands, for
 * "lower all") cancelled at once, which every member sees.
 * @example await raiseHandCommands.ask(client, 'class-1', { prompt: 'Who knows?' })
 */
export const raiseHandCommands = {
  /** Teacher: asks the class (or `students`) to raise hands. */
  async ask(client: SignalingClient, groupID: string, options: AskOptions = {}): Promise<InviteResult> {
    const students = options.students ?? (await client.getGroupMembers(groupID)).members.filter((m) => m !== client.userID);
    return client.inviteInGroup(groupID, students, { data: encodeRound(options.prompt), timeout: options.timeout ?? DEFAULT_ROUND_TIMEOUT });
  },
  /** Teacher: invites one student of round `roundID` to speak. */
  inviteToSpeak(client: SignalingClient, groupID: string, roundID: string, userID: string, options: { timeout?: number } = {}): Promise<InviteResult> {
    return client.inviteInGroup(groupID, [userID], { data: encodeSpeak(roundID), timeout: options.timeout });
  },
  /** Sends a lower-hand marker of round `roundID` to `invitees` and cancels it at once (nobody is left ringing). */
  async lower(client: SignalingClient, groupID: string, roundID: string, invitees: string[], data?: string): Promise<InviteResult> {
    const marker = await client.inviteInGroup(groupID, invitees, { data: encodeLower(roundID), timeout: 1 });
    await client.cancel(marker.inviteID, { data }).catch(() => undefined); // it may have timed out already
    return marker;
  },
};
