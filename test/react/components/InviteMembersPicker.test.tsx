import { fireEvent, render, screen, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { describe, expect, it, vi } from 'vitest';
import type { SignalingClient } from '../../../src/client/SignalingClient.js';
import { createLoopbackServer, createMemoryGroupDirectory, createMemoryStorage } from '../../../src/engine/index.js';
import { createLoopbackTransport, createSignalingClient } from '../../../src/index.js';
import { InviteMembersPicker, RingkitLabelsProvider, RingkitProvider, type InviteMembersPickerProps, type RingkitLocale } from '../../../src/react/index.js';
import { connectClient, eventually, startServer } from '../support/ringkit.js';
import { expectAccessible } from './support/expectAccessible.js';

const TEAM = ['alice', 'bob', 'carol', 'dave', 'erin', 'frank', 'gina'];

/** A call of alice with bob in it and carol ringing, on a server that allows 5 users per call. */
async function runningCall() {
  const server = await startServer({ limits: { maxCallUsers: 5 } });
  await server.groups.createGroup('team', TEAM);
  const [alice, bob, carol, dave, erin] = await Promise.all(['alice', 'bob', 'carol', 'dave', 'erin'].map((id) => connectClient(server, id)));
  const { inviteID } = await alice!.inviteInGroup('team', ['bob'], { mode: 'advanced' });
  await bob!.accept(inviteID);
  await alice!.callingInvite(inviteID, ['carol']);
  return { alice: alice!, bob: bob!, carol: carol!, dave: dave!, erin: erin!, inviteID };
}

function renderPicker(client: SignalingClient, props: InviteMembersPickerProps, locale: RingkitLocale = 'en') {
  return render(
    <RingkitLabelsProvider locale={locale}>
      <RingkitProvider client={client}>
        <InviteMembersPicker {...props} />
      </RingkitProvider>
    </RingkitLabelsProvider>,
  );
}

const box = (name: string) => screen.getByRole('checkbox', { name }) as HTMLInputElement;
const description = (element: HTMLElement) =>
  (element.getAttribute('aria-describedby') ?? '')
    .split(' ')
    .filter(Boolean)
    .map((id) => document.getElementById(id)!.textContent)
    .join(' | ');

describe('InviteMembersPicker', () => {
  it('offers the group (members in the call or ringing disabled with the reason), respects the limit, rings the picked ones', async () => {
    const { alice, dave, erin, inviteID } = await runningCall();
    const onInvited = vi.fn();
    const { container } = renderPicker(alice, { inviteID, maxCallUsers: 5, onInvited });

    // The members come from the server (the call's group); me excluded.
    await eventually(() => expect(screen.getAllByRole('checkbox')).toHaveLength(6));
    expect(screen.getByRole('group', { name: 'Add people to the call' })).toBeTruthy();
    expect(box('bob').disabled).toBe(true);
    expect(description(box('bob'))).toBe('In the call');
    expect(box('carol').disabled).toBe(true);
    expect(description(box('carol'))).toBe('Ringing');
    expect(box('dave').disabled).toBe(false);
    // alice, bob and carol take 3 of 5 places.
    const remaining = screen.getAllByRole('status')[0]!;
    expect(remaining.textContent).toBe('You can add 2 more people.');
    const invite = screen.getByRole('button', { name: 'Invite' }) as HTMLButtonElement;
    expect(invite.disabled).toBe(true);
    await expectAccessible(container);

    // Keyboard: Tab reaches the first free checkbox (dave), Space ticks it; Tab, Space: erin.
    const user = userEvent.setup();
    await user.tab(); // the scrollable list
    await user.tab();
    expect(document.activeElement).toBe(box('dave'));
    await user.keyboard(' ');
    expect(remaining.textContent).toBe('You can add 1 more person.');
    await user.tab();
    await user.keyboard(' ');
    // At the limit: the rest are disabled and say why.
    expect(remaining.textContent).toBe('No one else can be added.');
    expect(box('frank').disabled).toBe(true);
    expect(description(box('frank'))).toBe('Limit reached | No one else can be added.');
    expect(box('dave').checked && box('erin').checked).toBe(true);
    await expectAccessible(container);
    // Unchecking frees a place again.
    await user.keyboard(' ');
    expect(box('frank').disabled).toBe(false);
    await user.keyboard(' ');

    // Tab skips the disabled boxes to Invite; Enter submits.
    await user.tab();
    expect(document.activeElement).toBe(screen.getByRole('button', { name: 'Invite 2' }));
    await user.keyboard('{Enter}');
    await eventually(() => expect(screen.getByText('Ringing dave and erin.')).toBeTruthy());
    expect(onInvited).toHaveBeenCalledTimes(1);
    await eventually(() => expect(description(box('dave'))).toBe('Ringing'));
    // They ring on their own devices (their receipt arrives when it arrives: eventually).
    await eventually(() => expect(dave.getInvitation(inviteID)?.users.find((u) => u.userID === 'dave')?.state).toBe('received'));
    await eventually(() => expect(erin.events.some((e) => e.name === 'invitationReceived')).toBe(true));
    expect(remaining.textContent).toBe('The call is full.');
    expect(container.querySelector('form')!.dataset.rkState).toBe('full');
    expect(box('gina').disabled).toBe(true);
    await expectAccessible(container);
  });

  it('says why when the server refuses (its limit is lower than the picker was told)', async () => {
    const { alice, inviteID } = await runningCall();
    const { container } = renderPicker(alice, { inviteID, members: ['bob', 'carol', 'dave', 'erin', 'frank'], maxCallUsers: 10 });
    fireEvent.click(box('dave'));
    fireEvent.click(box('erin'));
    fireEvent.click(box('frank'));
    fireEvent.click(screen.getByRole('button', { name: 'Invite 3' }));
    await eventually(() => expect(screen.getByRole('alert').textContent).toBe('Nobody was invited: the call is full.'));
    expect(alice.getInvitation(inviteID)?.users.map((u) => u.userID)).toEqual(['alice', 'bob', 'carol']);
    await expectAccessible(container);
  });

  it('lists whom the server skipped: bob rang dave a moment before alice pressed Invite', async () => {
    // The in-page engine: requests reach it in the order they are sent, so bob's callingInvite is
    // applied before alice's, which her picker (not updated yet) sends in the same tick.
    const groups = createMemoryGroupDirectory();
    await groups.createGroup('team', TEAM);
    const server = createLoopbackServer({ storage: createMemoryStorage(), groups });
    const [alice, bob] = ['alice', 'bob'].map((userID) => createSignalingClient({ transport: createLoopbackTransport(server, { userID }) }));
    await Promise.all([alice!.connect(), bob!.connect()]);
    try {
      const { inviteID } = await alice!.inviteInGroup('team', ['bob'], { mode: 'advanced' });
      await bob!.accept(inviteID);
      const { container } = renderPicker(alice!, { inviteID });
      await eventually(() => expect(box('bob').disabled).toBe(true));
      fireEvent.click(box('dave'));
      fireEvent.click(box('erin'));
      void bob!.callingInvite(inviteID, ['dave']);
      fireEvent.click(screen.getByRole('button', { name: 'Invite 2' }));
      await eventually(() => expect(screen.getByText('dave was not invited: already in the call or ringing.')).toBeTruthy());
      expect(screen.getByText('Ringing erin.')).toBeTruthy();
      await eventually(() => expect(description(box('erin'))).toBe('Ringing'));
      expect(description(box('dave'))).toBe('Ringing');
      await expectAccessible(container);
    } finally {
      alice!.disconnect();
      bob!.disconnect();
      server.close();
    }
  });

  it('in Chinese', async () => {
    const { alice, inviteID } = await runningCall();
    const { container } = renderPicker(alice, { inviteID, groupID: 'team', maxCallUsers: 5 }, 'zh');
    await eventually(() => expect(screen.getAllByRole('checkbox')).toHaveLength(6));
    expect(screen.getByRole('group', { name: '添加成员到通话' })).toBeTruthy();
    expect(within(box('bob').closest('li')!).getByText('已在通话中')).toBeTruthy();
    expect(screen.getByText('还可添加 2 人。')).toBeTruthy();
    await expectAccessible(container);
  });
});
