import { createElement } from 'react';
import { renderToString } from 'react-dom/server';
import { afterEach, describe, expect, it, vi } from 'vitest';

// The node project has no DOM: `window`, `document`, `location`, `Audio`, `Notification` and
// `localStorage` do not exist here, as on a server that prerenders a page (Next.js App Router).
// Touching one at import or during render throws a ReferenceError.

afterEach(() => vi.restoreAllMocks());

describe('ringkit/react renders on a server', () => {
  it('imports, and renders the provider and every component to HTML without a browser global, an error or a warning', async () => {
    expect(typeof window).toBe('undefined');
    expect(typeof Audio).toBe('undefined');
    const problems: string[] = [];
    vi.spyOn(console, 'error').mockImplementation((...args) => void problems.push(args.map(String).join(' ')));
    vi.spyOn(console, 'warn').mockImplementation((...args) => void problems.push(args.map(String).join(' ')));
    // Next.js (Cache Components) refuses a random value drawn while prerendering a client component.
    const random = vi.spyOn(crypto, 'randomUUID');
    const kit = await import('../../src/react/index.js');
    // Nor a clock read (Date.now() while prerendering: "did not produce a static shell", so a page
    // with a countdown or call timer and no <Suspense> above it failed `next build`).
    const clock = vi.spyOn(Date, 'now');
    const h = createElement;
    const html = renderToString(
      h(
        kit.RingkitProvider,
        { url: 'http://127.0.0.1:1', userID: 'alice' },
        h(kit.RingingDialog, { ringtone: '/sounds/ring.mp3' }),
        h(kit.IncomingCallToast, {}),
        h(kit.OutgoingCallDialog, { inviteID: null, ringback: '/sounds/ringback.mp3' }),
        h(kit.OutgoingCallDialog, { inviteID: 'not-yet-known' }),
        h(kit.CallHistoryList, {}),
        h(kit.ParticipantList, { inviteID: null }),
        h(kit.RaiseHandPanel, { groupID: 'class-1' }),
        h(kit.InviteMembersPicker, { inviteID: null, groupID: 'team' }),
        h(kit.Phone, { contacts: ['bob', 'carol'] }),
        h(kit.InCallView, {}),
        h('p', null, 'page text'),
      ),
    );
    expect(html).toContain('page text');
    expect(problems).toEqual([]);
    expect(random).not.toHaveBeenCalled();
    expect(clock).not.toHaveBeenCalled();
  });

  it('creates no audio for a ringtone player until it starts (a server render makes players)', async () => {
    const { createRingtonePlayer, builtInTones } = await import('../../src/react/index.js');
    const player = createRingtonePlayer(builtInTones.ringtone);
    player.start(); // no Audio here: it stays silent instead of throwing
    expect(player.getState()).toEqual({ audible: false, blocked: false, failed: false });
    player.stop();
  });
});
