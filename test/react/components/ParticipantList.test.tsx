import { fireEvent, render, screen, within } from '@testing-library/react';
import { Profiler, type ProfilerOnRenderCallback } from 'react';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import type { SignalingClient } from '../../../src/client/SignalingClient.js';
import {
  ParticipantList,
  ParticipantListItem,
  RingkitLabelsProvider,
  RingkitProvider,
  type ParticipantRowRenderer,
  type RingkitLocale,
} from '../../../src/react/index.js';
import { connectClient, eventually, startServer } from '../support/ringkit.js';
import { expectAccessible } from './support/expectAccessible.js';

const STUDENTS = Array.from({ length: 1000 }, (_, i) => `s${String(i + 1).padStart(4, '0')}`);
const getUser = (id: string) => (id.startsWith('s') ? { name: `Student ${Number(id.slice(1))}` } : undefined);
const VIEWPORT = 480; // the scroll area's height in px: 10 rows of 48

// jsdom does no layout: every element measures 0 × 0, so the virtualizer would see an empty
// viewport and render no row. Only the scroll area's size is faked (what a browser computes from
// its CSS height); everything else — the rows, their order, their renders — is the real thing.
beforeEach(() => {
  vi.spyOn(HTMLElement.prototype, 'clientHeight', 'get').mockImplementation(function (this: HTMLElement) {
    return this.classList.contains('rk-participant-list__scroll') ? VIEWPORT : 0;
  });
  vi.spyOn(HTMLElement.prototype, 'clientWidth', 'get').mockImplementation(function (this: HTMLElement) {
    return this.classList.contains('rk-participant-list__scroll') ? 400 : 0;
  });
});
afterEach(() => vi.restoreAllMocks());

async function bigClass() {
  const server = await startServer();
  await server.groups.createGroup('school', ['teacher', ...STUDENTS]);
  const teacher = await connectClient(server, 'teacher');
  const { inviteID } = await teacher.inviteInGroup('school', STUDENTS, { timeout: 300 });
  return { server, teacher, inviteID };
}

function renderList(client: SignalingClient, inviteID: string, row?: ParticipantRowRenderer, locale: RingkitLocale = 'en') {
  return render(
    <RingkitLabelsProvider locale={locale}>
      <RingkitProvider client={client}>
        <ParticipantList inviteID={inviteID} getUser={getUser}>
          {row}
        </ParticipantList>
      </RingkitProvider>
    </RingkitLabelsProvider>,
  );
}

const list = (name = 'Participants') => screen.getByRole('list', { name });
const items = (name?: string) => within(list(name)).getAllByRole('listitem');
/** "Student 7 · Accepted": a default row's name and badge. */
const label = (item: HTMLElement) =>
  `${item.querySelector('.rk-participant-list__name')!.textContent} · ${item.querySelector('.rk-badge')!.textContent}`;
const names = () => items().map(label);

describe('ParticipantList', () => {
  it('renders a 1,000-user invitation as a short window of a sorted, searchable list', async () => {
    const { server, teacher, inviteID } = await bigClass();
    const [s3, s7] = await Promise.all(['s0003', 's0007'].map((id) => connectClient(server, id)));
    await s7!.accept(inviteID);
    await s3!.reject(inviteID);
    const { container } = renderList(teacher, inviteID);

    await eventually(() => expect(label(items()[0]!)).toBe('Student 7 · Accepted'));
    // Virtualized: only the viewport plus overscan is in the DOM, each item knows its place.
    expect(items().length).toBeLessThan(30);
    expect(items()[0]!.getAttribute('aria-setsize')).toBe('1000');
    expect(items()[0]!.getAttribute('aria-posinset')).toBe('1');
    expect(items()[1]!.getAttribute('aria-posinset')).toBe('2');
    // Sorted: accepted, then pending in invitation order (s0003 rejected is among the ended, last).
    expect(names().slice(0, 4)).toEqual([
      'Student 7 · Accepted',
      'Student 1 · Not delivered yet',
      'Student 2 · Not delivered yet',
      'Student 4 · Not delivered yet',
    ]);
    expect(screen.getByText('1 accepted · 998 waiting · 1 ended')).toBeTruthy();
    expect(list().tabIndex).toBe(0); // focusable, so the keyboard scrolls it
    await expectAccessible(container);

    // Search by display name: matches announced in the live region.
    fireEvent.change(screen.getByRole('searchbox', { name: 'Search participants' }), { target: { value: 'student 99' } });
    await eventually(() => expect(items()).toHaveLength(11));
    expect(screen.getByRole('status').textContent).toBe('11 of 1,000 participants');
    expect(items()[0]!.getAttribute('aria-setsize')).toBe('11');
    expect(names()[0]).toBe('Student 99 · Not delivered yet');
    await expectAccessible(container);

    fireEvent.change(screen.getByRole('searchbox'), { target: { value: 'nobody' } });
    await eventually(() => expect(screen.getByText('No participant matches.')).toBeTruthy());
    expect(within(list()).queryAllByRole('listitem')).toHaveLength(0);
    await expectAccessible(container);
  });

  it('re-renders exactly one row when one user of 1,000 changes, also when the change moves them', async () => {
    const { server, teacher, inviteID } = await bigClass();
    // Renders per row (a Profiler around each row's content). React reports these commits as
    // 'nested-update' (the virtualizer measures in a layout effect), so mounts are counted too.
    const renders = new Map<string, number>();
    const onRender: ProfilerOnRenderCallback = (id) => void renders.set(id, (renders.get(id) ?? 0) + 1);
    const row: ParticipantRowRenderer = (user, display) => (
      <Profiler id={user.userID} onRender={onRender}>
        <ParticipantListItem user={user} display={display} />
      </Profiler>
    );
    renderList(teacher, inviteID, row);
    await eventually(() => expect(items().length).toBeGreaterThan(10));
    expect(renders.size).toBe(items().length);
    expect([...renders.values()].every((n) => n === 1)).toBe(true);

    // s0002 connects: inviting → received, same place in the order. One row renders.
    renders.clear();
    const s2 = await connectClient(server, 's0002');
    await eventually(() => expect(label(items()[1]!)).toBe('Student 2 · Ringing'));
    expect([...renders]).toEqual([['s0002', 1]]);

    // s0500 (far below the window) accepts: it moves to the top and every row below shifts one
    // place down. The rows' props hold no position, so they only move: none renders again, and the
    // one row that enters the window mounts.
    renders.clear();
    const s500 = await connectClient(server, 's0500');
    await s500.accept(inviteID);
    await eventually(() => expect(label(items()[0]!)).toBe('Student 500 · Accepted'));
    expect(items()[1]!.getAttribute('aria-posinset')).toBe('2');
    expect(label(items()[2]!)).toBe('Student 2 · Ringing');
    expect([...renders]).toEqual([['s0500', 1]]);

    // s0002 (in the window) accepts and moves to the top, before s0500 (accepted users keep the
    // invitation order): it alone renders.
    renders.clear();
    await s2.accept(inviteID);
    await eventually(() => expect(label(items()[0]!)).toBe('Student 2 · Accepted'));
    expect(label(items()[1]!)).toBe('Student 500 · Accepted');
    expect([...renders]).toEqual([['s0002', 1]]);
  });

  it('a render prop replaces the row; labels in Chinese', async () => {
    const { teacher, inviteID } = await bigClass();
    const { container } = renderList(teacher, inviteID, (user, display) => <b>{`${display.name} = ${user.state}`}</b>, 'zh');
    await eventually(() => expect(items('参与者')[0]!.textContent).toBe('Student 1 = inviting'));
    expect(screen.getByRole('searchbox', { name: '搜索参与者' })).toBeTruthy();
    expect(screen.getByText('已接听 0 人 · 等待中 1000 人 · 已结束 0 人')).toBeTruthy();
    await expectAccessible(container);
  });
});
