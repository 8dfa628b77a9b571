import '@testing-library/jest-dom/vitest';
import { render, screen, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { describe, expect, it } from 'vitest';
import { encodeCallData, IncomingCallToast, RingkitProvider } from '../../../src/react/index.js';
import { connectClient, eventually, startServer } from '../support/ringkit.js';
import { expectAccessible } from './support/expectAccessible.js';

describe('IncomingCallToast', () => {
  it('is a non-modal region named after the caller: focus stays put, Tab reaches it, Enter answers', async () => {
    const user = userEvent.setup();
    const server = await startServer();
    const [alice, bob, carol] = await Promise.all(['alice', 'bob', 'carol'].map((id) => connectClient(server, id)));
    const { container } = render(
      <RingkitProvider client={bob!}>
        <input aria-label="Message" />
        <IncomingCallToast />
      </RingkitProvider>,
    );
    await expectAccessible(container);
    const input = screen.getByRole('textbox', { name: 'Message' });
    input.focus();
    const { inviteID } = await alice!.invite('bob', { mode: 'advanced', data: encodeCallData({ roomID: 'r', video: true }) });
    await carol!.invite('bob', { mode: 'advanced', data: encodeCallData({ roomID: 'r2' }) });
    const toast = await screen.findByRole('region', { name: 'alice is calling' });
    expect(toast).toHaveAccessibleDescription('One-to-one video call');
    await eventually(() => expect(within(toast).getByText('1 more call waiting')).toBeTruthy());
    expect(screen.queryByRole('alertdialog')).toBeNull();
    expect(input).toHaveFocus();
    await expectAccessible(container);

    await user.tab(); // Reject
    await user.tab(); // Accept
    expect(within(toast).getByRole('button', { name: 'Accept' })).toHaveFocus();
    await user.keyboard('{Enter}');
    await eventually(() => expect(alice!.getInvitation(inviteID)?.users.find((u) => u.userID === 'bob')?.state).toBe('accepted'));
    // The next call in the queue rings now; my own answer is not announced.
    await screen.findByRole('region', { name: 'carol is calling' });
    expect(screen.getByRole('status')).toHaveTextContent('');
  });

  it('says politely why the call stopped ringing when the caller cancels', async () => {
    const server = await startServer();
    const [alice, bob] = await Promise.all(['alice', 'bob'].map((id) => connectClient(server, id)));
    const { container } = render(
      <RingkitProvider client={bob!}>
        <IncomingCallToast className="mine" />
      </RingkitProvider>,
    );
    const { inviteID } = await alice!.invite('bob');
    await screen.findByRole('region', { name: 'alice is calling' });
    await alice!.cancel(inviteID);
    await eventually(() => expect(screen.getByRole('status')).toHaveTextContent('alice cancelled the call'));
    expect(screen.queryByRole('region', { name: 'alice is calling' })).toBeNull();
    expect(container.querySelector('.rk-incoming-call-toast.mine')).toHaveAttribute('data-rk-state', 'ended');
    await expectAccessible(container);
  });
});
