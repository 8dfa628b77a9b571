import type { Invitation } from '../protocol/types.js';
import type { Draft } from './Draft.js';
import { historyMessages } from './history.js';
import { isUndelivered } from './recipients.js';
import type { HistoryDraft, InvitationCommit, RequestOutcome } from './storage.js';

/**
 * A draft's commit (`InvitationCommit`): a class, so each commit is one object with its history
 * built by a prototype getter when the storage reads it (the memory storage does after the
 * publication is written), not an object literal with a getter closure of its own.
 */
export class DraftCommit implements InvitationCommit {
  readonly invitation: Invitation;
  readonly indexUsers: string[];
  requestOutcomes?: RequestOutcome[];
  private built: HistoryDraft[] | undefined;

  constructor(
    private readonly draft: Draft,
    readonly expectedVersion: number,
    readonly missedUsers: string[],
    readonly nextTickAt: number | null,
  ) {
    const inv = draft.invitation;
    this.invitation = inv;
    // The users whose lists gain the invitation: the inviter of a new one, and every changed user, unless undelivered.
    const indexUsers: string[] = [];
    if (expectedVersion === 0 && !isUndelivered(inv, inv.inviter)) indexUsers.push(inv.inviter);
    for (const id of draft.changed) if (!isUndelivered(inv, id)) indexUsers.push(id);
    this.indexUsers = indexUsers;
  }

  get history(): HistoryDraft[] {
    return (this.built ??= historyMessages(this.invitation, this.draft.history, this.draft.now));
  }
}
