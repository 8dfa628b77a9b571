import { render, screen, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { afterEach, describe, expect, it, vi } from 'vitest';
import type { SignalingClient } from '../../../src/client/SignalingClient.js';
import {
  CallHistoryList,
  createMissedSeenStore,
  RingkitLabelsProvider,
  RingkitProvider,
  useMissedCallCount,
  type MissedSeenStore,
} from '../../../src/react/index.js';
import { loopbackUsers } from '../../../stories/support/loopbackUsers.js';
import { callHistoryDay } from '../../../stories/support/callHistoryDay.js';
import { shiftableClock } from '../../../stories/support/shiftableClock.js';
import { eventually } from '../support/ringkit.js';
import { expectAccessible } from './support/expectAccessible.js';

const opened: Awaited<ReturnType<typeof loopbackUsers>>[] = [];
afterEach(() => {
  for (const { server, clients } of opened.splice(0)) {
    clients.forEach((c) => c.disconnect());
    server.close();
  }
});

/** bob's calls of stories/support/callHistoryDay.ts, made by the real engine in the page. */
async function bobsDay() {
  const time = shiftableClock();
  const users = await loopbackUsers(['alice', 'bob', 'carol'], {}, {}, time.clock);
  opened.push(users);
  await callHistoryDay(users.clients, time);
  const [alice, bob] = users.clients as [SignalingClient, SignalingClient];
  return { alice, bob };
}

function MissedBadge({ seenStore }: { seenStore: MissedSeenStore }) {
  const { count } = useMissedCallCount({ seenStore });
  return <span aria-label="Missed calls badge" role="img">{count}</span>;
}

const rowsUnder = (heading: string) => within(screen.getByRole('list', { name: heading })).getAllByRole('listitem');

describe('CallHistoryList', () => {
  it('shows the call log by day with what happened, filters Missed, counts unseen missed calls, calls back', async () => {
    const user = userEvent.setup();
    const { bob } = await bobsDay();
    const seenStore = createMissedSeenStore(undefined);
    const onCallBack = vi.fn();
    const { container } = render(
      <RingkitProvider client={bob}>
        <MissedBadge seenStore={seenStore} />
        <CallHistoryList seenStore={seenStore} onCallBack={onCallBack} />
      </RingkitProvider>,
    );
    await eventually(() => expect(screen.getAllByRole('heading').map((h) => h.textContent)).toEqual(['Today', 'Yesterday']));
    expect(rowsUnder('Today').map((r) => r.textContent)).toEqual([
      expect.stringMatching(/^Ccarol↗Outgoing, No answer.+Call back$/),
      expect.stringMatching(/^Aalice↙Incoming, Missed callNew.+Call back$/),
      expect.stringMatching(/^Ccarol↗Outgoing, Cancelled.+Call back$/),
      expect.stringMatching(/^Aalice↙Incoming, Declined.+Call back$/),
      expect.stringMatching(/^Aalice↙Incoming, Answered · 3:12\d.+Call back$/),
    ]);
    expect(rowsUnder('Yesterday').map((r) => r.dataset.rkKind)).toEqual(['missed']);
    expect(screen.getByRole('status').textContent).toBe('2 new missed calls');
    expect(screen.getByRole('group', { name: 'Call history' }).dataset.rkFilter).toBe('all');
    expect(screen.getByLabelText('Missed calls badge').textContent).toBe('2');
    await expectAccessible(container);

    await user.click(within(rowsUnder('Today')[0]!).getByRole('button', { name: 'Call back: carol' }));
    expect(onCallBack).toHaveBeenCalledWith(expect.objectContaining({ kind: 'noAnswer', peers: ['carol'], direction: 'outgoing' }));

    // Choosing "Missed" marks them seen (arrow keys between the radios are checked in the story, in Chromium).
    await user.click(screen.getByRole('radio', { name: 'Missed' }));
    expect(screen.getByRole('radio', { name: 'Missed' })).toHaveProperty('checked', true);
    await eventually(() => expect(screen.getByLabelText('Missed calls badge').textContent).toBe('0'));
    expect(screen.getByRole('status').textContent).toBe('');
    expect(rowsUnder('Today').map((r) => r.dataset.rkKind)).toEqual(['missed']);
    expect(rowsUnder('Yesterday').map((r) => r.dataset.rkKind)).toEqual(['missed']);
    expect(container.querySelectorAll('[data-rk-unseen]')).toHaveLength(0);
    await expectAccessible(container);
  });

  it('adds a call the moment it ends, counts it as new, and speaks Chinese', async () => {
    const { alice, bob } = await bobsDay();
    const seenStore = createMissedSeenStore(undefined);
    const { container } = render(
      <RingkitLabelsProvider locale="zh">
        <RingkitProvider client={bob}>
          <CallHistoryList seenStore={seenStore} defaultFilter="missed" />
        </RingkitProvider>
      </RingkitLabelsProvider>,
    );
    await eventually(() => expect(screen.getAllByRole('heading').map((h) => h.textContent)).toEqual(['今天', '昨天']));
    expect(rowsUnder('今天')[0]!.textContent).toMatch(/呼入, 未接来电/);
    expect(screen.getByRole('radio', { name: '未接' })).toHaveProperty('checked', true);
    await expectAccessible(container);

    screen.getByRole('radio', { name: '全部' }).click();
    const missed = await alice.invite('bob');
    await alice.cancel(missed.inviteID);
    await eventually(() => expect(screen.getByRole('status').textContent).toBe('1 个新的未接来电'));
    expect(rowsUnder('今天')[0]!.dataset.rkUnseen).toBe('');
    expect(rowsUnder('今天').map((r) => r.dataset.rkKind)).toEqual(['missed', 'noAnswer', 'missed', 'cancelled', 'declined', 'answered']);
    expect(rowsUnder('今天')[5]!.textContent).toMatch(/已接通 · 通话 3:12/);
    await expectAccessible(container);
  });

  it('says so when there are no calls, and narrows to one peer', async () => {
    const users = await loopbackUsers(['dora', 'eve']);
    opened.push(users);
    const [dora, eve] = users.clients as [SignalingClient, SignalingClient];
    const { container, rerender } = render(
      <RingkitProvider client={dora}>
        <CallHistoryList seenStore={createMissedSeenStore(undefined)} />
      </RingkitProvider>,
    );
    await eventually(() => expect(screen.getByText('No calls yet.')).toBeTruthy());
    await expectAccessible(container);
    const { inviteID } = await eve.invite('dora');
    await eve.cancel(inviteID);
    rerender(
      <RingkitProvider client={dora}>
        <CallHistoryList seenStore={createMissedSeenStore(undefined)} peer="frank" />
      </RingkitProvider>,
    );
    await eventually(() => expect(screen.getByText('No calls yet.')).toBeTruthy());
    rerender(
      <RingkitProvider client={dora}>
        <CallHistoryList seenStore={createMissedSeenStore(undefined)} peer="eve" />
      </RingkitProvider>,
    );
    await eventually(() => expect(rowsUnder('Today').map((r) => r.dataset.rkKind)).toEqual(['missed']));
  });
});
