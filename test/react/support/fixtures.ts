import type { CallUser, Invitation } from '../../../src/protocol/types.js';
import { EMPTY_STATE } from '../../../src/store/syncFromClient.js';
import type { RingkitState } from '../../../src/store/RingkitState.js';
import { invitationFixture } from '../../support/invitationFixture.js';

/** A user of a fixture invitation. */
export function user(userID: string, state: CallUser['state'], version = 1, extra: Partial<CallUser> = {}): CallUser {
  return { userID, state, data: '', updateTime: 1000 + version, timeout: 30, version, ...extra };
}

/** A fixture invitation from alice (normal mode) at `version`. */
export function invitation(version: number, users: CallUser[], extra: Partial<Invitation> = {}): Invitation {
  return invitationFixture({ version, users, ...extra });
}

/** An empty store state signed in as `userID`. */
export function stateFor(userID: string, extra: Partial<RingkitState> = {}): RingkitState {
  return { ...EMPTY_STATE, userID, connectionState: 'connected', ...extra };
}
