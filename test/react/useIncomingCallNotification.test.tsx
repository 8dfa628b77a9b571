import { act, render, screen } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { RingkitProvider, useIncomingCallNotification } from '../../src/react/index.js';
import { connectClient, eventually, startServer } from './support/ringkit.js';

/**
 * The system's notification centre is what a test cannot reach: a minimal stand-in for the
 * Notification API records what the hook shows and closes. The calls are real.
 */
class FakeNotification {
  static permission: NotificationPermission = 'default';
  static requests = 0;
  static shown: FakeNotification[] = [];
  static requestPermission = async () => {
    FakeNotification.requests++;
    FakeNotification.permission = 'granted';
    return FakeNotification.permission;
  };
  closed = false;
  onclick: (() => void) | null = null;
  constructor(
    public title: string,
    public options: NotificationOptions,
  ) {
    FakeNotification.shown.push(this);
  }
  close() {
    this.closed = true;
  }
}

let visibility: DocumentVisibilityState = 'visible';
function setVisibility(state: DocumentVisibilityState) {
  visibility = state;
  act(() => void document.dispatchEvent(new Event('visibilitychange')));
}

beforeEach(() => {
  FakeNotification.permission = 'default';
  FakeNotification.requests = 0;
  FakeNotification.shown = [];
  vi.stubGlobal('Notification', FakeNotification);
  vi.spyOn(document, 'visibilityState', 'get').mockImplementation(() => visibility);
  visibility = 'visible';
});
afterEach(() => {
  vi.unstubAllGlobals();
  vi.restoreAllMocks();
});

function Notifier() {
  const { permission, requestPermission } = useIncomingCallNotification({ getUser: (id) => ({ name: id.toUpperCase() }) });
  return (
    <button type="button" onClick={() => void requestPermission()}>
      Notifications: {permission}
    </button>
  );
}

describe('useIncomingCallNotification', () => {
  it('asks only when the app asks, notifies while hidden, focuses the tab on click, closes when ringing stops', async () => {
    const user = userEvent.setup();
    const server = await startServer();
    const [alice, bob] = await Promise.all(['alice', 'bob'].map((id) => connectClient(server, id)));
    const focus = vi.spyOn(window, 'focus').mockImplementation(() => undefined);
    render(
      <RingkitProvider client={bob!}>
        <Notifier />
      </RingkitProvider>,
    );
    setVisibility('hidden');
    const first = await alice!.invite('bob', { mode: 'advanced', data: '{"roomID":"r","video":true}' });
    await bob!.next('invitationReceived');
    expect(FakeNotification.requests).toBe(0);
    expect(FakeNotification.shown).toHaveLength(0); // no permission yet
    await alice!.cancel(first.inviteID);

    await user.click(screen.getByRole('button', { name: 'Notifications: default' }));
    await eventually(() => expect(screen.getByRole('button', { name: 'Notifications: granted' })).toBeTruthy());
    expect(FakeNotification.requests).toBe(1);

    const second = await alice!.invite('bob', { mode: 'advanced', data: '{"roomID":"r","video":true}' });
    await eventually(() => expect(FakeNotification.shown).toHaveLength(1));
    const [notification] = FakeNotification.shown;
    expect(notification).toMatchObject({ title: 'ALICE is calling', options: { body: 'One-to-one video call', tag: second.inviteID } });
    notification!.onclick?.();
    expect(focus).toHaveBeenCalled();
    expect(notification!.closed).toBe(true);
    await alice!.cancel(second.inviteID);

    const third = await alice!.invite('bob');
    await eventually(() => expect(FakeNotification.shown).toHaveLength(2));
    await alice!.cancel(third.inviteID);
    await eventually(() => expect(FakeNotification.shown[1]!.closed).toBe(true));
  });

  it('shows nothing while the page is visible, and closes when the page is shown again', async () => {
    FakeNotification.permission = 'granted';
    const server = await startServer();
    const [alice, bob] = await Promise.all(['alice', 'bob'].map((id) => connectClient(server, id)));
    render(
      <RingkitProvider client={bob!}>
        <Notifier />
      </RingkitProvider>,
    );
    await alice!.invite('bob');
    await bob!.next('invitationReceived');
    expect(FakeNotification.shown).toHaveLength(0);
    setVisibility('hidden');
    await eventually(() => expect(FakeNotification.shown).toHaveLength(1));
    setVisibility('visible');
    await eventually(() => expect(FakeNotification.shown[0]!.closed).toBe(true));
  });
});
