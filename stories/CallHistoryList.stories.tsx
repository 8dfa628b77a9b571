import type { Meta, StoryObj } from '@storybook/react-vite';
import { useState } from 'react';
import { expect, userEvent, waitFor, within } from 'storybook/test';
import {
  CallHistoryList,
  callHistoryListLabels,
  createMissedSeenStore,
  useMissedCallCount,
  type CallRecord,
  type MissedSeenStore,
  type RingkitLocale,
} from '../src/react/index.js';
import { callHistoryDay } from './support/callHistoryDay.js';
import { clientsOf, ringkitUsers, UserPane } from './support/ringkitUsers.js';
import { shiftableClock } from './support/shiftableClock.js';

const labelsOf = (globals: Record<string, unknown>) => callHistoryListLabels[(globals.locale as RingkitLocale | undefined) ?? 'en'];

/** alice, bob and carol on an in-page engine whose clock the loader moves; bob's day of calls made for real. */
const withBobsDay = async () => {
  const time = shiftableClock();
  const loaded = await ringkitUsers(['alice', 'bob', 'carol'], {}, {}, time.clock)();
  await callHistoryDay(loaded.ringkit.clients, time);
  return loaded;
};

/** A nav link with the unseen-missed badge, next to the list, both reading the same seen store. */
function Badge({ seenStore }: { seenStore: MissedSeenStore }) {
  const { count } = useMissedCallCount({ seenStore });
  return (
    <p style={{ margin: '0 0 8px', fontWeight: 600 }}>
      Calls{' '}
      <span className="rk-call-history-list__badge" aria-label={`${count} unseen missed calls`} role="img">
        {count}
      </span>
    </p>
  );
}

/** bob's call log, with a "call back" that says whom it would call. */
function BobsLog({ loaded, defaultFilter }: { loaded: Record<string, unknown>; defaultFilter?: 'all' | 'missed' }) {
  const [seenStore] = useState(() => createMissedSeenStore(undefined));
  const [calling, setCalling] = useState<CallRecord>();
  return (
    <UserPane client={clientsOf(loaded)[1]!} width={420}>
      <Badge seenStore={seenStore} />
      <CallHistoryList seenStore={seenStore} defaultFilter={defaultFilter} onCallBack={setCalling} />
      <p role="log">{calling && `Calling ${calling.peers.join(', ')}…`}</p>
    </UserPane>
  );
}

const meta: Meta<typeof CallHistoryList> = {
  title: 'Components/CallHistoryList',
  component: CallHistoryList,
  render: (_, { loaded }) => <BobsLog loaded={loaded} />,
};
export default meta;
type Story = StoryObj<typeof CallHistoryList>;

/** Every call, by day: no answer, missed (new), cancelled, declined, answered 3:12 today; a missed call yesterday. */
export const AllCalls: Story = {
  loaders: [withBobsDay],
  play: async ({ canvas, globals }) => {
    const l = labelsOf(globals);
    const today = await canvas.findByRole('list', { name: l.today });
    const rows = within(today).getAllByRole('listitem');
    await expect(rows.map((r) => r.dataset.rkKind)).toEqual(['noAnswer', 'missed', 'cancelled', 'declined', 'answered']);
    await expect(rows[4]).toHaveTextContent(l.duration(192));
    await expect(within(canvas.getByRole('list', { name: l.yesterday })).getAllByRole('listitem')).toHaveLength(1);
    await expect(canvas.getByRole('img', { name: '2 unseen missed calls' })).toBeVisible();
    await userEvent.click(within(rows[1]!).getByRole('button', { name: l.callBackTo('alice') }));
    await expect(canvas.getByRole('log')).toHaveTextContent('Calling alice…');
  },
};

/** Keyboard: from "All", the arrow key selects "Missed"; only missed calls remain and the badge clears. */
export const MissedFilter: Story = {
  loaders: [withBobsDay],
  play: async ({ canvas, globals }) => {
    const l = labelsOf(globals);
    await canvas.findByRole('list', { name: l.today });
    canvas.getByRole('radio', { name: l.all }).focus();
    await userEvent.keyboard('{ArrowRight}');
    await expect(canvas.getByRole('radio', { name: l.missed })).toBeChecked();
    await waitFor(() => expect(canvas.getByRole('img', { name: '0 unseen missed calls' })).toBeVisible());
    for (const day of [l.today, l.yesterday]) {
      const rows = within(canvas.getByRole('list', { name: day })).getAllByRole('listitem');
      await expect(rows.every((r) => r.dataset.rkKind === 'missed')).toBe(true);
    }
  },
};

/** A user with no calls yet. */
export const Empty: Story = {
  loaders: [ringkitUsers(['alice', 'dora'])],
  play: async ({ canvas, globals }) => {
    await expect(await canvas.findByText(labelsOf(globals).empty)).toBeVisible();
  },
};
