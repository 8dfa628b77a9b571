import { describe, expect, it } from 'vitest';
import { engineHarness } from '../support/engineHarness.js';

/** Counterexamples the property tests (engineModel.test.ts) found, shrunk, kept as ordinary tests. */
describe('regressions found by the model', () => {
  it('an invitee offline at an onlineUserOnly invite hears nothing of it, also after coming online (cancel, timeout)', async () => {
    const h = engineHarness();
    await h.engine.connect(h.session('alice'));
    const { inviteID } = await h.run('alice', 'invitation:invite', { invitees: ['bob', 'carol'], onlineUserOnly: true, timeout: 30 });
    await h.engine.connect(h.session('bob')); // bob comes online after the invite
    await h.run('alice', 'invitation:cancel', { inviteID, invitees: ['bob'] });
    await h.advance(30_000); // carol times out
    expect((await h.get(inviteID)).state).toBe('ended');
    expect(h.delivered.filter((d) => d.userID === 'bob' || d.userID === 'carol')).toEqual([]);
    expect(h.delivered.some((d) => d.userID === 'alice')).toBe(true);
    // Nor does bob's sync bring it.
    const sync = await h.run('bob', 'session:sync', { known: {} });
    expect(sync.updates).toEqual([]);
  });

  it('a user re-invited with callingInvite while online is notified again; one still offline is not', async () => {
    const h = engineHarness();
    for (const u of ['alice', 'bob']) await h.engine.connect(h.session(u));
    const { inviteID } = await h.run('alice', 'invitation:invite', { invitees: ['carol'], mode: 'advanced', onlineUserOnly: true });
    await h.run('alice', 'invitation:callingInvite', { inviteID, invitees: ['bob', 'dave'] });
    expect((await h.get(inviteID)).undelivered).toEqual(['carol', 'dave']);
    await h.run('alice', 'invitation:cancel', { inviteID, invitees: ['carol'] });
    await h.engine.connect(h.session('carol'));
    await h.run('alice', 'invitation:callingInvite', { inviteID, invitees: ['carol'] });
    expect((await h.get(inviteID)).undelivered).toEqual(['dave']);
    expect(h.delivered.some((d) => d.userID === 'carol')).toBe(true);
    expect(h.delivered.some((d) => d.userID === 'dave')).toBe(false);
  });
});
