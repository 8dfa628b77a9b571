import { render, screen } from '@testing-library/react';
import { describe, expect, it } from 'vitest';
import { CALL_USER_STATES } from '../../src/protocol/types.js';
import {
  commonLabels,
  RingkitLabelsProvider,
  RingkitUsersProvider,
  RingtoneMuteButton,
  RingtoneUnlockButton,
  StateBadge,
  useDisplayUser,
  type UseRingtoneResult,
} from '../../src/react/index.js';

function Name({ id }: { id: string }) {
  return <span>{useDisplayUser(id).name}</span>;
}

/** A tone as `useRingtone` reports it, without audio: the controls only read it. */
const tone = (state: Partial<UseRingtoneResult> = {}): UseRingtoneResult => ({
  audible: true,
  blocked: false,
  failed: false,
  muted: false,
  setMuted: () => undefined,
  toggleMute: () => undefined,
  enable: () => Promise.resolve(true),
  enableButtonProps: { type: 'button', onClick: () => undefined, 'data-rk-action': 'enable-sound' },
  muteButtonProps: { type: 'button', onClick: () => undefined, 'aria-pressed': false, 'data-rk-action': 'mute' },
  ...state,
});

describe('labels and users', () => {
  it('labels every state in both built-in languages', () => {
    for (const locale of ['en', 'zh'] as const)
      for (const state of CALL_USER_STATES) expect(commonLabels[locale].states[state]).toMatch(/\S/);
  });

  it('shows a state in the provider language, with app overrides on top', () => {
    render(
      <>
        <RingkitLabelsProvider locale="zh">
          <StateBadge state="accepted" />
        </RingkitLabelsProvider>
        <RingkitLabelsProvider labels={{ common: { states: { ...commonLabels.en.states, rejected: 'Said no' } } }}>
          <StateBadge state="rejected" />
        </RingkitLabelsProvider>
        <StateBadge state="timeout" />
      </>,
    );
    expect(screen.getByText('已接听').dataset.rkState).toBe('accepted');
    expect(screen.getByText('Said no')).toBeTruthy();
    expect(screen.getByText('No answer')).toBeTruthy();
  });

  it('maps userIDs to display names through RingkitUsersProvider, falling back to the userID', () => {
    render(
      <RingkitUsersProvider getUser={(id) => (id === 'ada' ? { name: 'Ada Lovelace' } : undefined)}>
        <Name id="ada" />
        <Name id="bob" />
      </RingkitUsersProvider>,
    );
    expect(screen.getByText('Ada Lovelace')).toBeTruthy();
    expect(screen.getByText('bob')).toBeTruthy();
  });

  it("names the caller's ringback controls apart from the callee's ringtone ones, in both languages, each overridable", () => {
    const both = (failed = false) => (
      <>
        <RingtoneMuteButton ringtone={tone()} />
        <RingtoneMuteButton kind="ringback" ringtone={tone()} />
        <RingtoneUnlockButton ringtone={tone({ failed })} />
        <RingtoneUnlockButton kind="ringback" ringtone={tone({ failed })} />
      </>
    );
    const names = () => screen.getAllByRole('button').map((b) => b.textContent);
    const { unmount } = render(both(true));
    expect(names()).toEqual([
      'Mute ringtone',
      'Mute ringback',
      'The ringtone could not be played — click to try again',
      'The ringback could not be played — click to try again',
    ]);
    unmount();
    const zh = render(<RingkitLabelsProvider locale="zh">{both(true)}</RingkitLabelsProvider>);
    expect(names()).toEqual(['铃声静音', '回铃音静音', '铃声无法播放 — 点击重试', '回铃音无法播放 — 点击重试']);
    zh.unmount();
    render(<RingkitLabelsProvider labels={{ ringback: { mute: 'Silence the ring' } }}>{both()}</RingkitLabelsProvider>);
    expect(names()).toEqual(['Mute ringtone', 'Silence the ring']);
  });
});
