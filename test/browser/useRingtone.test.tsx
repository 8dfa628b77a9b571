import { flushSync } from 'react-dom';
import { createRoot, type Root } from 'react-dom/client';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { page, userEvent } from 'vitest/browser';
import { builtInTones, RingtoneUnlockButton, ringtoneLabels, useRingtone, type UseRingtoneResult } from '../../src/react/index.js';
import { silentWavDataURL } from '../../stories/support/silentWav.js';

// Chromium runs with --autoplay-policy=user-gesture-required (vite.config.ts): sound before a
// real click is refused, as for a user who just opened the app.

let latest: UseRingtoneResult | undefined;
function Phone({ src, ringing, muted }: { src: string; ringing: boolean; muted?: boolean }) {
  const tone = useRingtone(src, ringing, { muted });
  latest = tone;
  return (
    <div>
      <RingtoneUnlockButton ringtone={tone} />
      <p>{tone.audible ? 'ringing aloud' : tone.blocked ? 'blocked' : tone.failed ? 'failed' : 'silent'}</p>
    </div>
  );
}

let root: Root;
let host: HTMLElement;
const show = (ui: React.ReactNode) => flushSync(() => root.render(ui));

beforeEach(() => {
  host = document.body.appendChild(document.createElement('div'));
  root = createRoot(host);
});
afterEach(() => {
  root.unmount();
  host.remove();
  vi.restoreAllMocks();
});

describe('useRingtone in Chromium that requires a user gesture for sound', () => {
  it('reports the refused start, rings once the user clicks the control, stops at the end, and later calls ring aloud', async () => {
    const src = silentWavDataURL(0.4);
    show(<Phone src={src} ringing />);
    const unlock = page.getByRole('button', { name: 'Sound is blocked — click to enable ringing' });
    await expect.element(unlock).toBeVisible();
    expect(latest).toMatchObject({ blocked: true, audible: false, failed: false });

    await userEvent.click(unlock); // a real click: the page gets user activation
    await expect.element(page.getByText('ringing aloud')).toBeVisible();
    await expect.element(unlock).not.toBeInTheDocument();

    show(<Phone src={src} ringing={false} />);
    await expect.element(page.getByText('silent')).toBeVisible();

    show(<Phone src={src} ringing />); // the next call
    await expect.element(page.getByText('ringing aloud')).toBeVisible();
    expect(latest?.blocked).toBe(false);
  });

  it('stays silent while muted, and rings when unmuted during the call', async () => {
    const src = silentWavDataURL(0.3);
    show(<Phone src={src} ringing muted />);
    expect(latest).toMatchObject({ muted: true, audible: false, blocked: false });
    latest!.toggleMute();
    await expect.element(page.getByText('ringing aloud')).toBeVisible();
  });

  it('plays the built-in ringtone and ringback (synthesised WAV files) once the user allows sound', async () => {
    show(<Phone src={builtInTones.ringback} ringing />);
    // Blocked, unless an earlier test of this page already clicked (a page keeps its user activation).
    await expect.poll(() => latest?.audible || latest?.blocked).toBe(true);
    if (latest?.blocked) await userEvent.click(page.getByRole('button', { name: ringtoneLabels.en.blocked }));
    await expect.element(page.getByText('ringing aloud')).toBeVisible();
    show(<Phone src={builtInTones.ringtone} ringing />); // a decodable file: play() resolves only once it sounds
    await expect.element(page.getByText('ringing aloud')).toBeVisible();
    expect(latest).toMatchObject({ audible: true, blocked: false, failed: false });
  });

  it('a URL that is not a sound (a server answering with its HTML page) shows the notice and warns once, naming the URL', async () => {
    const warn = vi.spyOn(console, 'warn').mockImplementation(() => undefined);
    const url = URL.createObjectURL(new Blob(['<!doctype html><title>my-app</title><div id="root"></div>'], { type: 'text/html' }));
    show(<Phone src={url} ringing />);
    const notice = page.getByRole('button', { name: ringtoneLabels.en.failed });
    await expect.element(notice).toBeVisible();
    expect(notice.element().className).toBe(page.getByRole('button').element().className);
    expect(latest).toMatchObject({ failed: true, blocked: false, audible: false });

    // Even after a click (a gesture: no longer blocked), the next call, and a retry: still one warning.
    await userEvent.click(notice);
    await expect.element(page.getByRole('button', { name: ringtoneLabels.en.failed })).toBeVisible();
    show(<Phone src={url} ringing={false} />);
    show(<Phone src={url} ringing />);
    await expect.element(page.getByRole('button', { name: ringtoneLabels.en.failed })).toBeVisible();
    expect(warn.mock.calls.map((args) => args.join(' '))).toEqual([expect.stringContaining(url)]);
  });
});
