import { describe, expect, it } from 'vitest';
import { mediaPeers } from '../../src/engine/mediaSignalTarget.js';
import type { MediaSignalEvent } from '../../src/protocol/events.js';
import type { CallUser, CallUserState } from '../../src/protocol/types.js';
import { engineHarness } from '../support/engineHarness.js';
import { invitationFixture } from '../support/invitationFixture.js';

const user = (userID: string, state: CallUserState, deviceID?: string): CallUser => ({ userID, state, data: '', updateTime: 1, timeout: 30, version: 1, ...(deviceID && { deviceID }) });
const codeOf = (p: Promise<unknown>) => p.then(() => 'ok', (e: { code: string }) => e.code);

describe('who holds a part in a call (mediaPeers)', () => {
  it('advanced: accepted users on their device; nobody once the call ended', () => {
    const users = [user('alice', 'accepted', 'desk'), user('bob', 'accepted', 'phone'), user('carol', 'received', 'tab'), user('dave', 'quit', 'pc'), user('erin', 'rejected', 'x')];
    const call = invitationFixture({ mode: 'advanced', users });
    expect(mediaPeers(call)).toEqual(new Map([['alice', 'desk'], ['bob', 'phone']]));
    expect(mediaPeers({ ...call, state: 'ended' })).toEqual(new Map());
  });

  it('normal: the inviter on the device that invited, and accepted invitees', () => {
    const inv = invitationFixture({ inviterDeviceID: 'desk', users: [user('bob', 'accepted', 'phone'), user('carol', 'inviting')] });
    expect(mediaPeers(inv)).toEqual(new Map([['alice', 'desk'], ['bob', 'phone']]));
  });
});

describe('media:signal in the engine (manual clock)', () => {
  async function call(options: Parameters<typeof engineHarness>[0] = {}) {
    const delivered: [string, string, MediaSignalEvent][] = [];
    const h = engineHarness({ deliverMediaSignal: (userID, deviceID, signal) => delivered.push([userID, deviceID, signal]), ...options });
    const { inviteID } = await h.run('alice', 'invitation:invite', { invitees: ['bob'], mode: 'advanced' }, 'desk');
    await h.run('bob', 'invitation:accept', { inviteID }, 'phone');
    return { ...h, inviteID, delivered };
  }

  it('delivers to the receiver device only, and the media budget refills with the clock', async () => {
    const h = await call({ limits: { mediaSignalsPerSecond: 3, requestsPerSecond: 2 } });
    const send = (signal: string) => codeOf(h.run('alice', 'media:signal', { inviteID: h.inviteID, to: 'bob', signal }, 'desk'));
    expect([await send('1'), await send('2'), await send('3'), await send('4')]).toEqual(['ok', 'ok', 'ok', 'RATE_LIMITED']);
    expect(h.delivered).toEqual(['1', '2', '3'].map((signal) => ['bob', 'phone', { inviteID: h.inviteID, from: 'alice', fromDeviceID: 'desk', signal }]));
    // The app's budget (2 per second here, one spent on the invite) is untouched by the three signals.
    expect(await codeOf(h.run('alice', 'invitation:query', { count: 1 }, 'desk'))).toBe('ok');
    await h.advance(1000);
    expect(await send('5')).toBe('ok');
  });

  it('an engine built without deliverMediaSignal refuses the relay (INVALID_STATE) after the same checks', async () => {
    const h = engineHarness();
    const { inviteID } = await h.run('alice', 'invitation:invite', { invitees: ['bob'], mode: 'advanced' }, 'desk');
    await h.run('bob', 'invitation:accept', { inviteID }, 'phone');
    expect(await codeOf(h.run('alice', 'media:signal', { inviteID, to: 'bob', signal: 'x' }, 'desk'))).toBe('INVALID_STATE');
    expect(await codeOf(h.run('mallory', 'media:signal', { inviteID, to: 'bob', signal: 'x' }))).toBe('INVITATION_NOT_FOUND');
  });
});
