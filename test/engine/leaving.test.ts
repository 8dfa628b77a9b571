import { describe, expect, it } from 'vitest';
import { engineHarness } from '../support/engineHarness.js';

describe('a device that says it is leaving, and one whose connection drops', () => {
  it("the inviter's last device leaves: her pending invitees are cancelled (callerGone) at once, not after the grace period", async () => {
    const h = engineHarness();
    const alice = h.session('alice');
    await h.engine.connect(alice);
    const { inviteID } = await h.run('alice', 'invitation:invite', { invitees: ['bob'], timeout: 0 });

    await h.run('alice', 'session:leave', {});
    await h.engine.disconnect(alice);
    await h.advance(0);
    expect((await h.get(inviteID)).users[0]).toMatchObject({ state: 'cancelled', reason: 'callerGone' });
  });

  it('a dropped connection keeps the grace period: nothing happens until callerGraceSeconds have passed', async () => {
    const h = engineHarness({ limits: { callerGraceSeconds: 35 } });
    const alice = h.session('alice');
    await h.engine.connect(alice);
    const { inviteID } = await h.run('alice', 'invitation:invite', { invitees: ['bob'], timeout: 0 });

    await h.engine.disconnect(alice);
    await h.advance(34_000);
    expect(h.stateOf(await h.get(inviteID), 'bob')).toBe('inviting');
    await h.advance(1_000);
    expect((await h.get(inviteID)).users[0]).toMatchObject({ state: 'cancelled', reason: 'callerGone' });
  });

  it('one of two devices leaving changes nothing; the second one leaving does', async () => {
    const h = engineHarness();
    const phone = h.session('alice', 'phone');
    const laptop = h.session('alice', 'laptop');
    await h.engine.connect(phone);
    await h.engine.connect(laptop);
    const { inviteID } = await h.run('alice', 'invitation:invite', { invitees: ['bob'], timeout: 0 }, 'phone');

    await h.run('alice', 'session:leave', {}, 'phone');
    await h.engine.disconnect(phone);
    await h.advance(60_000);
    expect(h.stateOf(await h.get(inviteID), 'bob')).toBe('inviting');

    await h.run('alice', 'session:leave', {}, 'laptop');
    await h.engine.disconnect(laptop);
    await h.advance(0);
    expect(h.stateOf(await h.get(inviteID), 'bob')).toBe('cancelled');
  });
});
