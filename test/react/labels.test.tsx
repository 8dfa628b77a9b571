import { render, screen } from '@testing-library/react';
import { describe, expect, it } from 'vitest';
import { CALL_USER_STATES } from '../../src/protocol/types.js';
import { commonLabels, RingkitLabelsProvider, RingkitUsersProvider, StateBadge, useDisplayUser } from '../../src/react/index.js';

function Name({ id }: { id: string }) {
  return <span>{useDisplayUser(id).name}</span>;
}

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
});
