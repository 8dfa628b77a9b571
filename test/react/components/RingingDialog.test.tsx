import { render, screen, within } from '@testing-library/react';
import '@testing-library/jest-dom/vitest';
import userEvent from '@testing-library/user-event';
import { describe, expect, it } from 'vitest';
import type { SignalingClient } from '../../../src/client/SignalingClient.js';
import { encodeCallData, RingingDialog, RingkitLabelsProvider, RingkitProvider, type RingingDialogProps } from '../../../src/react/index.js';
import { connectClient, eventually, startServer, type TestClient } from '../support/ringkit.js';
import { expectAccessible } from './support/expectAccessible.js';

/** bob's screen: a button of the app, and the dialog. */
function BobScreen({ bob, locale = 'en', ...props }: { bob: SignalingClient; locale?: 'en' | 'zh' } & RingingDialogProps) {
  return (
    <RingkitLabelsProvider locale={locale}>
      <RingkitProvider client={bob}>
        <button type="button">App button</button>
        <RingingDialog {...props} />
      </RingkitProvider>
    </RingkitLabelsProvider>
  );
}

async function people<const T extends string[]>(...ids: T): Promise<{ [K in keyof T]: TestClient }> {
  const server = await startServer();
  return (await Promise.all(ids.map((id) => connectClient(server, id)))) as { [K in keyof T]: TestClient };
}

const call = (from: SignalingClient, to: string, data: Record<string, unknown> = {}, timeout = 30) =>
  from.invite(to, { mode: 'advanced', data: encodeCallData({ roomID: 'r', ...data }), timeout });
const bobState = (caller: SignalingClient, inviteID: string) => caller.getInvitation(inviteID)?.users.find((u) => u.userID === 'bob');

describe('RingingDialog', () => {
  it('is an alertdialog named after the caller, described by the kind of call, with focus on Reject and trapped', async () => {
    const user = userEvent.setup();
    const [alice, bob] = await people('alice', 'bob');
    const { container } = render(<BobScreen bob={bob} getUser={(id) => (id === 'alice' ? { name: 'Alice Liddell' } : undefined)} />);
    expect(screen.queryByRole('alertdialog')).toBeNull();
    expect(screen.getByRole('status')).toHaveTextContent('');
    await expectAccessible(container);

    await call(alice, 'bob', { video: true });
    const dialog = await screen.findByRole('alertdialog', { name: 'Alice Liddell is calling' });
    expect(dialog).toHaveAccessibleDescription('One-to-one video call');
    expect(dialog).toHaveAttribute('aria-modal', 'true');
    expect(container.querySelector('.rk-ringing-dialog')).toHaveAttribute('data-rk-state', 'ringing');
    expect(within(dialog).getByText(/s left to answer/)).toBeTruthy();
    await eventually(() => expect(within(dialog).getByRole('button', { name: 'Reject' })).toHaveFocus());
    await expectAccessible(container);

    // Tab and Shift+Tab cycle inside the dialog; the app's button is never reached.
    await user.tab();
    expect(within(dialog).getByRole('button', { name: 'Accept' })).toHaveFocus();
    await user.tab();
    expect(within(dialog).getByRole('button', { name: 'Reject' })).toHaveFocus();
    await user.tab({ shift: true });
    expect(within(dialog).getByRole('button', { name: 'Accept' })).toHaveFocus();

    // A click outside does nothing.
    await user.click(screen.getByRole('button', { name: 'App button' }));
    expect(screen.getByRole('alertdialog')).toBeTruthy();
  });

  it('Escape rejects; Enter on the focused Reject rejects too', async () => {
    const user = userEvent.setup();
    const [alice, bob] = await people('alice', 'bob');
    render(<BobScreen bob={bob} />);
    const first = await call(alice, 'bob');
    await screen.findByRole('alertdialog', { name: 'alice is calling' });
    await user.keyboard('{Escape}');
    await eventually(() => expect(bobState(alice, first.inviteID)?.state).toBe('rejected'));
    await eventually(() => expect(screen.queryByRole('alertdialog')).toBeNull());
    expect(screen.getByRole('status')).toHaveTextContent(''); // my own answer is not announced

    const second = await call(alice, 'bob');
    const dialog = await screen.findByRole('alertdialog', { name: 'alice is calling' });
    await eventually(() => expect(within(dialog).getByRole('button', { name: 'Reject' })).toHaveFocus());
    await user.keyboard('{Enter}');
    await eventually(() => expect(bobState(alice, second.inviteID)?.state).toBe('rejected'));
  });

  it('Tab then Enter accepts', async () => {
    const user = userEvent.setup();
    const [alice, bob] = await people('alice', 'bob');
    render(<BobScreen bob={bob} />);
    const { inviteID } = await call(alice, 'bob');
    const dialog = await screen.findByRole('alertdialog');
    await eventually(() => expect(within(dialog).getByRole('button', { name: 'Reject' })).toHaveFocus());
    await user.tab();
    await user.keyboard('{Enter}');
    await eventually(() => expect(bobState(alice, inviteID)?.state).toBe('accepted'));
    await eventually(() => expect(screen.queryByRole('alertdialog')).toBeNull());
  });

  it('a double click answers once: the buttons are disabled while the answer is pending', async () => {
    const user = userEvent.setup();
    const [alice, bob] = await people('alice', 'bob');
    const accepts: string[] = [];
    const original = bob.accept.bind(bob);
    bob.accept = (id, options) => (accepts.push(id), original(id, options));
    render(<BobScreen bob={bob} />);
    const { inviteID } = await call(alice, 'bob');
    const accept = within(await screen.findByRole('alertdialog')).getByRole('button', { name: 'Accept' });
    await user.dblClick(accept);
    await eventually(() => expect(bobState(alice, inviteID)?.state).toBe('accepted'));
    expect(accepts).toEqual([inviteID]);
  });

  it('queues several calls (one dialog, "1 more call waiting") and says why a call ended elsewhere', async () => {
    const [alice, bob, carol] = await people('alice', 'bob', 'carol');
    const { container } = render(<BobScreen bob={bob} />);
    const fromAlice = await call(alice, 'bob');
    await screen.findByRole('alertdialog', { name: 'alice is calling' });
    await call(carol, 'bob');
    await eventually(() => expect(screen.getByText('1 more call waiting')).toBeTruthy());
    expect(screen.getAllByRole('alertdialog')).toHaveLength(1);
    await expectAccessible(container);

    await alice.cancel(fromAlice.inviteID);
    await eventually(() => expect(screen.getByRole('status')).toHaveTextContent('alice cancelled the call'));
    const next = await screen.findByRole('alertdialog', { name: 'carol is calling' });
    expect(within(next).queryByText(/more call/)).toBeNull();
    // The status region lives outside the dialog.
    expect(next.contains(screen.getByRole('status'))).toBe(false);
    await expectAccessible(container);
  });

  it('announces a missed call, then clears the notice after noticeMs', async () => {
    const [alice, bob] = await people('alice', 'bob');
    const { container } = render(<BobScreen bob={bob} noticeMs={300} />);
    await call(alice, 'bob', {}, 1);
    await screen.findByRole('alertdialog');
    await eventually(() => expect(screen.getByRole('status')).toHaveTextContent('Missed call from alice'));
    expect(screen.queryByRole('alertdialog')).toBeNull();
    expect(container.querySelector('.rk-ringing-dialog')).toHaveAttribute('data-rk-state', 'ended');
    await expectAccessible(container);
    await eventually(() => expect(screen.getByRole('status')).toHaveTextContent(''));
  });

  it('closes when answered or declined on another of my devices, and says which', async () => {
    const server = await startServer();
    const alice = await connectClient(server, 'alice');
    const phone = await connectClient(server, 'bob', { deviceID: 'phone' });
    const laptop = await connectClient(server, 'bob', { deviceID: 'laptop' });
    const { container } = render(<BobScreen bob={phone} />);
    const first = await call(alice, 'bob');
    await screen.findByRole('alertdialog');
    await laptop.next('invitationReceived');
    await laptop.accept(first.inviteID);
    await eventually(() => expect(screen.getByRole('status')).toHaveTextContent('Call from alice answered on another device'));
    expect(screen.queryByRole('alertdialog')).toBeNull();
    await expectAccessible(container);

    const second = await alice.invite('bob');
    await screen.findByRole('alertdialog');
    await laptop.next('invitationReceived', (e) => e.inviteID === second.inviteID);
    await laptop.reject(second.inviteID);
    await eventually(() => expect(screen.getByRole('status')).toHaveTextContent('Call from alice declined on another device'));
  });

  it('call waiting: Decline as busy tells the caller I am busy; End and accept hangs up my call and answers', async () => {
    const user = userEvent.setup();
    const [alice, bob, carol] = await people('alice', 'bob', 'carol');
    const { container } = render(<BobScreen bob={bob} />);
    const withCarol = await call(carol, 'bob');
    const first = await screen.findByRole('alertdialog', { name: 'carol is calling' });
    await user.click(within(first).getByRole('button', { name: 'Accept' }));
    await eventually(() => expect(screen.queryByRole('alertdialog')).toBeNull());

    const fromAlice = await call(alice, 'bob');
    const dialog = await screen.findByRole('alertdialog', { name: 'alice is calling' });
    expect(dialog).toHaveAccessibleDescription('One-to-one audio call · You are in a call');
    expect(within(dialog).queryByRole('button', { name: 'Accept' })).toBeNull();
    await eventually(() => expect(within(dialog).getByRole('button', { name: 'Decline' })).toHaveFocus());
    await expectAccessible(container);
    await user.click(within(dialog).getByRole('button', { name: 'Decline as busy' }));
    await eventually(() => expect(bobState(alice, fromAlice.inviteID)).toMatchObject({ state: 'rejected', data: '{"reason":"busy"}' }));

    const again = await call(alice, 'bob');
    const second = await screen.findByRole('alertdialog', { name: 'alice is calling' });
    await user.click(within(second).getByRole('button', { name: 'End and accept' }));
    await eventually(() => expect(carol.getInvitation(withCarol.inviteID)?.state).toBe('ended'));
    await eventually(() => expect(bobState(alice, again.inviteID)?.state).toBe('accepted'));
  });

  it('speaks Chinese with the zh locale, and accepts app className, style and labels', async () => {
    const [alice, bob] = await people('alice', 'bob');
    const { container } = render(<BobScreen bob={bob} locale="zh" className="mine" style={{ color: 'red' }} labels={{ reject: '挂断' }} />);
    await call(alice, 'bob', { video: true });
    const dialog = await screen.findByRole('alertdialog', { name: 'alice 来电' });
    expect(dialog).toHaveAccessibleDescription('视频通话');
    expect(within(dialog).getByRole('button', { name: '接听' })).toBeTruthy();
    expect(within(dialog).getByRole('button', { name: '挂断' })).toBeTruthy();
    const root = container.querySelector('.rk-ringing-dialog') as HTMLElement;
    expect(root.className).toBe('rk-root rk-ringing-dialog mine');
    expect(root.style.color).toBe('red');
    await expectAccessible(container);
  });

  it('describes a group call with everyone in it', async () => {
    const server = await startServer();
    await server.groups.createGroup('team', ['alice', 'bob', 'carol']);
    const [alice, bob] = await Promise.all(['alice', 'bob', 'carol'].map((id) => connectClient(server, id)));
    render(<BobScreen bob={bob!} />);
    await alice!.inviteInGroup('team', ['bob', 'carol'], { mode: 'advanced' });
    expect(await screen.findByRole('alertdialog', { name: 'alice is calling' })).toHaveAccessibleDescription('Group audio call with 3 people');
  });
});
