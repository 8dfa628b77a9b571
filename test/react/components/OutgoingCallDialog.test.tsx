import { act, fireEvent, render, screen, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { describe, expect, it, vi } from 'vitest';
import type { SignalingClient } from '../../../src/client/SignalingClient.js';
import { OutgoingCallDialog, RingkitLabelsProvider, RingkitProvider, useInvite, type RingkitLocale } from '../../../src/react/index.js';
import { connectClient, eventually, startServer } from '../support/ringkit.js';
import { expectAccessible } from './support/expectAccessible.js';

/** The caller's screen: a button that places the call through `useInvite`, and the dialog. */
function Caller({ place, onClose }: { place: (invite: ReturnType<typeof useInvite>) => unknown; onClose?: () => void }) {
  const invite = useInvite();
  return (
    <>
      <button onClick={() => void place(invite)}>Call</button>
      <OutgoingCallDialog inviteID={invite.inviteID} errorInvitees={invite.errorInvitees} {...(onClose && { onClose })} />
    </>
  );
}

function renderCaller(client: SignalingClient, place: (invite: ReturnType<typeof useInvite>) => unknown, locale: RingkitLocale = 'en', onClose?: () => void) {
  return render(
    <RingkitLabelsProvider locale={locale}>
      <RingkitProvider client={client}>
        <Caller place={place} {...(onClose && { onClose })} />
      </RingkitProvider>
    </RingkitLabelsProvider>,
  );
}

const dialog = () => screen.getByRole('dialog');
const row = (name: string) => within(dialog()).getByText(name).closest('li')!;
const status = () => within(dialog()).getByRole('status');

describe('OutgoingCallDialog', () => {
  it('one-to-one: ringing, then a busy rejection; focus on Cancel, Cancel becomes Close, Close hides it', async () => {
    const server = await startServer();
    const [alice, bob] = await Promise.all(['alice', 'bob'].map((id) => connectClient(server, id)));
    const onClose = vi.fn();
    const { container } = renderCaller(alice!, (i) => i.invite('bob', { mode: 'advanced' }), 'en', onClose);
    expect(screen.queryByRole('dialog')).toBeNull();

    fireEvent.click(screen.getByRole('button', { name: 'Call' }));
    await eventually(() => expect(within(row('bob')).getByText('Ringing')).toBeTruthy());
    expect(screen.getByRole('dialog', { name: 'Calling bob' }).getAttribute('aria-modal')).toBeNull();
    expect(dialog().dataset.rkState).toBe('calling');
    expect(document.activeElement).toBe(within(dialog()).getByRole('button', { name: 'Cancel' }));
    // One invitee: no "cancel this one".
    expect(within(dialog()).queryByRole('button', { name: 'Cancel bob' })).toBeNull();
    expect(status().textContent).toBe('bob: delivered, ringing');
    await expectAccessible(container);

    const inviteID = alice!.getInvitations()[0]!.inviteID;
    await bob!.reject(inviteID, { data: JSON.stringify({ reason: 'busy' }) });
    await eventually(() => expect(within(row('bob')).getByText('Busy')).toBeTruthy());
    expect(row('bob').dataset.rkState).toBe('busy');
    expect(status().textContent).toBe('bob: Busy');
    expect(dialog().dataset.rkState).toBe('declined');
    const close = within(dialog()).getByRole('button', { name: 'Close' });
    expect(document.activeElement).toBe(close); // the same button, so the focus stayed
    await expectAccessible(container);

    fireEvent.click(close);
    expect(onClose).toHaveBeenCalledTimes(1);
    expect(screen.queryByRole('dialog')).toBeNull();
  });

  it('a group call: not delivered, offline, accepted, busy, not invited, cancel one, Escape cancels the rest', async () => {
    const server = await startServer({ limits: { notReceivedCheckSeconds: 1 } });
    await server.groups.createGroup('team', ['alice', 'bob', 'carol', 'dave', 'erin', 'frank']);
    const [alice, bob, carol, , frank, gina] = await Promise.all(
      ['alice', 'bob', 'carol', 'erin', 'frank', 'gina'].map((id) => connectClient(server, id)),
    );
    // frank is in another call, so a busy-policy invitation rejects him at once.
    const other = await gina!.invite('frank', { mode: 'advanced' });
    await frank!.accept(other.inviteID);

    const { container } = renderCaller(alice!, (i) =>
      i.inviteInGroup('team', ['bob', 'carol', 'dave', 'frank', 'mallory'], { mode: 'advanced', busyPolicy: 'reject', enableNotReceivedCheck: true }),
    );
    fireEvent.click(screen.getByRole('button', { name: 'Call' }));
    await eventually(() => expect(within(row('carol')).getByText('Ringing')).toBeTruthy());
    expect(screen.getByRole('dialog', { name: 'Calling bob, carol and 3 others' })).toBeTruthy();
    expect(within(row('dave')).getByText('Not delivered yet')).toBeTruthy(); // dave has no device connected
    expect(within(row('frank')).getByText('Busy')).toBeTruthy();
    expect(within(row('mallory')).getByText('Not invited')).toBeTruthy();
    expect(within(row('mallory')).getByText('Not a member of this group')).toBeTruthy();
    await expectAccessible(container);

    // After the not-received check, dave shows as offline (and the live region says so).
    await eventually(() => expect(within(row('dave')).getByText('Offline')).toBeTruthy(), 4000);
    expect(status().textContent).toBe('dave: Offline');

    // Keyboard: from Cancel (focused when the dialog opened), Shift+Tab goes back through the ✕ of
    // each ringing invitee (dave, then carol); Enter cancels just carol, the others keep ringing.
    const user = userEvent.setup();
    expect(document.activeElement).toBe(within(dialog()).getByRole('button', { name: 'Cancel' }));
    await user.tab({ shift: true });
    expect(document.activeElement).toBe(within(dialog()).getByRole('button', { name: 'Cancel dave' }));
    await user.tab({ shift: true });
    expect(document.activeElement).toBe(within(dialog()).getByRole('button', { name: 'Cancel carol' }));
    await user.keyboard('{Enter}');
    await eventually(() => expect(within(row('carol')).getByText('Cancelled')).toBeTruthy());
    expect(within(dialog()).queryByRole('button', { name: 'Cancel carol' })).toBeNull();
    expect(within(row('bob')).getByText('Ringing')).toBeTruthy();
    expect(status().textContent).toBe('carol: Cancelled');

    const inviteID = alice!.getInvitations().find((i) => i.groupID === 'team')!.inviteID;
    await bob!.accept(inviteID);
    await eventually(() => expect(within(row('bob')).getByText('Accepted')).toBeTruthy());
    expect(dialog().dataset.rkState).toBe('answered');
    expect(status().textContent).toBe('bob: Accepted');
    await expectAccessible(container);

    // Escape inside the dialog cancels everyone still ringing (dave).
    within(dialog()).getByRole('list', { name: 'Invitees' }).focus();
    await user.keyboard('{Escape}');
    await eventually(() => expect(within(row('dave')).getByText('Cancelled')).toBeTruthy());
    expect(within(dialog()).getByRole('button', { name: 'Close' })).toBeTruthy();
    expect(within(row('bob')).getByText('Accepted')).toBeTruthy();
    await eventually(() => expect(carol!.getInvitation(inviteID)?.users.find((u) => u.userID === 'carol')?.state).toBe('cancelled'));
    await expectAccessible(container);
  });

  it('follows my newest outgoing call without props, and speaks Chinese', async () => {
    const server = await startServer();
    const [alice, bob] = await Promise.all(['alice', 'bob'].map((id) => connectClient(server, id)));
    const { container } = render(
      <RingkitLabelsProvider locale="zh">
        <RingkitProvider client={alice!}>
          <OutgoingCallDialog />
        </RingkitProvider>
      </RingkitLabelsProvider>,
    );
    const { inviteID } = await act(() => alice!.invite('bob', { timeout: 1 }));
    await eventually(() => expect(screen.getByRole('dialog', { name: '正在呼叫bob' })).toBeTruthy());
    await eventually(() => expect(within(row('bob')).getByText('响铃中')).toBeTruthy());
    expect(within(dialog()).getByRole('button', { name: '取消' })).toBeTruthy();
    await expectAccessible(container);

    // The call times out: it stays on screen with the outcome.
    await eventually(() => expect(within(row('bob')).getByText('无应答')).toBeTruthy(), 4000);
    expect(dialog().dataset.rkState).toBe('unanswered');
    expect(within(dialog()).getByText('无人接听')).toBeTruthy();
    expect(within(dialog()).getByRole('button', { name: '关闭' })).toBeTruthy();
    await eventually(() => expect(bob!.getInvitation(inviteID)?.state).toBe('ended'));
    await expectAccessible(container);
  });
});
