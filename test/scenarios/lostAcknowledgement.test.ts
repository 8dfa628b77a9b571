import { describe, expect, it } from 'vitest';
import type { InvitationCommit } from '../../src/engine/storage.js';
import { createMemoryStorage } from '../../src/server/index.js';
import { connectClient, networkLoss, startServer, until } from '../support/harness.js';

/**
 * A memory storage whose first commit of a new invitation waits at a gate: `entered` resolves
 * when it is held, `open()` lets it through.
 */
function gatedStorage() {
  const storage = createMemoryStorage();
  let open!: () => void;
  const gate = new Promise<void>((resolve) => (open = resolve));
  let entered!: () => void;
  const held = new Promise<void>((resolve) => (entered = resolve));
  let armed = true;
  const gated = new Proxy(storage, {
    get(target, prop) {
      const value = Reflect.get(target, prop, target) as unknown;
      if (prop !== 'commit' || typeof value !== 'function') return typeof value === 'function' ? (value as (...a: unknown[]) => unknown).bind(target) : value;
      return async (change: InvitationCommit) => {
        if (armed && change.expectedVersion === 0) {
          armed = false;
          entered();
          await gate;
        }
        return storage.commit(change);
      };
    },
  });
  return { storage: gated, held, open: () => open() };
}

describe('a lost acknowledgement: the connection drops while an invite commits, and the call is answered before the inviter is back', () => {
  it('the retry (same requestID) answers the first outcome, and the inviter still learns the answer: its mirror equals the server', async () => {
    const { storage, held, open } = gatedStorage();
    const server = await startServer({ storage });
    const alice = await connectClient(server, 'alice');
    const bob = await connectClient(server, 'bob');

    // Alice invites; the commit is held while her connection drops, so its acknowledgement is lost.
    const invited = alice.invite('bob', { timeout: 60, requestID: 'lost-ack' });
    await held;
    const loss = networkLoss(server, 'alice');
    await until(() => alice.connectionState === 'reconnecting', 5000, 'alice notices the drop');
    open();

    // Bob hears the invitation and accepts it: a 1v1 call, so the invitation ends (allAnswered)
    // while alice is away. That update is published to no device of hers.
    const { inviteID } = await bob.next('invitationReceived');
    await bob.accept(inviteID);
    const ended = await storage.getInvitation(inviteID);
    expect(ended).toMatchObject({ state: 'ended', endReason: 'allAnswered' });

    // Alice comes back. Her handshake cannot name the invitation (she never heard of it) and it is
    // no longer active; her client resends the invite with the same requestID, which answers the
    // first outcome: the invitation as it was created, bob still ringing.
    loss.release();
    const result = await invited.catch(() => alice.invite('bob', { timeout: 60, requestID: 'lost-ack' }));
    expect(result.inviteID).toBe(inviteID);

    // What changed since reaches her anyway: the mirror ends equal to the server, and she hears
    // the answer once.
    await until(() => alice.getInvitation(inviteID)?.version === ended!.version, 5000, "alice's mirror reaches the ended invitation");
    expect(alice.getInvitation(inviteID)).toEqual(ended);
    await until(() => alice.seen('inviteeAccepted').some((e) => e.inviteID === inviteID), 5000, 'alice hears the answer');
    expect(alice.seen('inviteeAccepted').filter((e) => e.inviteID === inviteID)).toHaveLength(1);
    expect(alice.connectionState).toBe('connected');
  });
});
