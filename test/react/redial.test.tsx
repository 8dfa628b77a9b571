import { act, render, screen, within } from '@testing-library/react';
import '@testing-library/jest-dom/vitest';
import userEvent from '@testing-library/user-event';
import type { ReactNode } from 'react';
import { describe, expect, it } from 'vitest';
import type { SignalingClient } from '../../src/client/SignalingClient.js';
import { Phone, RingkitProvider, useInvite, useRingingCall } from '../../src/react/index.js';
import { createMemoryStorage } from '../../src/server/index.js';
import { crashDevice } from '../support/harness.js';
import { connectClient, eventually, renderHookAs, startServer } from './support/ringkit.js';

/** Renders `ui` as `client`'s user in a container of its own (two people on one page). */
function renderAs(client: SignalingClient, ui: ReactNode) {
  const { container } = render(<RingkitProvider client={client}>{ui}</RingkitProvider>);
  return within(container);
}

/** The calls ringing for `client`'s user, as the server tells them. */
const ringingFor = (client: SignalingClient) =>
  client
    .getInvitations()
    .filter((i) => i.state === 'active' && i.users.some((u) => u.userID === client.userID && ['inviting', 'received', 'notYetReceived'].includes(u.state)))
    .map((i) => i.inviteID);

/**
 * Alice calls Bob from a tab that dies before he answers, then opens a new tab. Bob's ringing is
 * watched through `useRingingCall` (what his ringing dialog shows): his modal dialog would trap
 * every click on the page, alice's phone included, so his `Phone` is mounted only to answer.
 */
async function aliceCrashesWhileBobRings() {
  const storage = createMemoryStorage();
  const server = await startServer({ storage });
  const oldTab = await connectClient(server, 'alice', { deviceID: 'alice-tab-1' });
  const bob = await connectClient(server, 'bob');
  const bobRings = renderHookAs(bob, () => useRingingCall({ busyPolicy: 'reject' }));
  const old = await oldTab.invite('bob', { mode: 'advanced', timeout: 60 });
  await eventually(() => expect(bobRings.result.current.invitation?.inviteID).toBe(old.inviteID));
  await crashDevice(server, oldTab);
  const newTab = await connectClient(server, 'alice', { deviceID: 'alice-tab-2' });
  return { storage, bob, bobRings, newTab, oldID: old.inviteID };
}

describe('a caller whose tab died while it rang calls again', () => {
  it("Phone: the new tab shows the call still ringing from the dead tab; calling again replaces it, and Bob's Accept connects the live call", async () => {
    const user = userEvent.setup();
    const { storage, bob, bobRings, newTab, oldID } = await aliceCrashesWhileBobRings();
    const alicePage = renderAs(newTab, <Phone contacts={['bob']} />);
    const leftover = await alicePage.findByRole('region', { name: 'You are calling bob from another device' });
    expect(within(leftover).getByRole('button', { name: 'Continue here' })).toBeEnabled();
    expect(within(leftover).getByRole('button', { name: 'Cancel call' })).toBeEnabled();

    await eventually(() => expect(alicePage.getByRole('button', { name: 'Call bob' })).toBeEnabled());
    await user.click(alicePage.getByRole('button', { name: 'Call bob' }));
    await alicePage.findByRole('dialog', { name: 'Calling bob' });
    await eventually(() => expect(ringingFor(bob)).toHaveLength(1));
    const [live] = ringingFor(bob);
    expect(live).not.toBe(oldID);
    expect(await storage.getInvitation(oldID)).toMatchObject({ state: 'ended' });
    await eventually(() => expect(alicePage.queryByRole('region', { name: /from another device/ })).toBeNull());
    // What Bob's dialog shows is the live call, alone; and he is told nothing about the replaced
    // one (no "alice cancelled the call": she did not hang up, she called again).
    await eventually(() => expect(bobRings.result.current).toMatchObject({ invitation: { inviteID: live }, waiting: 0 }));
    expect(bobRings.result.current.notice).toBeNull();

    const bobPage = renderAs(bob, <Phone contacts={['alice']} />);
    const ringing = await bobPage.findByRole('alertdialog', { name: 'alice is calling' });
    expect(within(ringing).queryByText(/more call/)).toBeNull();
    await user.click(within(ringing).getByRole('button', { name: 'Accept' }));
    await alicePage.findByRole('region', { name: 'In a call with bob' });
    await bobPage.findByRole('region', { name: 'In a call with alice' });
    expect((await storage.getInvitation(live!))?.users.find((u) => u.userID === 'bob')?.state).toBe('accepted');
  });

  it('"Cancel call" on the new tab stops Bob\'s phone at once, without waiting out the grace period', async () => {
    const user = userEvent.setup();
    const { storage, bobRings, newTab, oldID } = await aliceCrashesWhileBobRings();
    const alicePage = renderAs(newTab, <Phone contacts={['bob']} />);
    const leftover = await alicePage.findByRole('region', { name: 'You are calling bob from another device' });
    await user.click(within(leftover).getByRole('button', { name: 'Cancel call' }));
    await eventually(() => expect(bobRings.result.current.invitation).toBeUndefined());
    expect(bobRings.result.current.notice).toMatchObject({ reason: 'cancelled' });
    await eventually(() => expect(alicePage.queryByRole('region', { name: /another device/ })).toBeNull());
    expect(await storage.getInvitation(oldID)).toMatchObject({ state: 'ended' });
    expect((await storage.getInvitation(oldID))?.users.find((u) => u.userID === 'bob')?.state).toBe('cancelled');
  });

  it('"Continue here" takes the ringing call over: the new tab shows Calling with Cancel', async () => {
    const user = userEvent.setup();
    const { newTab } = await aliceCrashesWhileBobRings();
    const alicePage = renderAs(newTab, <Phone contacts={['bob']} />);
    const leftover = await alicePage.findByRole('region', { name: 'You are calling bob from another device' });
    await user.click(within(leftover).getByRole('button', { name: 'Continue here' }));
    const calling = await alicePage.findByRole('dialog', { name: 'Calling bob' });
    expect(within(calling).getByRole('button', { name: 'Cancel' })).toBeEnabled();
  });

  it("Bob's Phone, two calls from alice ringing (no redial by her app): the newest is shown, and Accept connects it", async () => {
    const user = userEvent.setup();
    const server = await startServer();
    const alice = await connectClient(server, 'alice');
    const bob = await connectClient(server, 'bob');
    const bobPage = renderAs(bob, <Phone contacts={['alice']} />);
    const older = await alice.invite('bob', { mode: 'advanced', timeout: 60 });
    await bobPage.findByRole('alertdialog', { name: 'alice is calling' });
    const newer = await alice.invite('bob', { mode: 'advanced', timeout: 60 });
    const ringing = bobPage.getByRole('alertdialog', { name: 'alice is calling' });
    await eventually(() => expect(within(bobPage.getByRole('alertdialog')).getByText('1 more call waiting')).toBeInTheDocument());

    await user.click(within(bobPage.getByRole('alertdialog')).getByRole('button', { name: 'Accept' }));
    await eventually(() => expect(alice.getInvitation(newer.inviteID)?.users.find((u) => u.userID === 'bob')?.state).toBe('accepted'));
    expect(alice.getInvitation(older.inviteID)?.users.find((u) => u.userID === 'bob')?.state).not.toBe('accepted');
    await bobPage.findByRole('region', { name: 'In a call with alice' });
    expect(ringing).toBeDefined();
  });

  it('useInvite: inviting the same one person again cancels my earlier invitation that still rings (replaceEarlier: false keeps it)', async () => {
    const server = await startServer();
    const alice = await connectClient(server, 'alice');
    const bob = await connectClient(server, 'bob');
    const hook = renderHookAs(alice, () => useInvite());
    const first = await act(() => hook.result.current.invite('bob', { timeout: 60 }));
    const second = await act(() => hook.result.current.invite('bob', { timeout: 60, replaceEarlier: false }));
    await eventually(() => expect(ringingFor(bob).sort()).toEqual([first!.inviteID, second!.inviteID].sort()));
    const third = await act(() => hook.result.current.invite('bob', { timeout: 60 }));
    await eventually(() => expect(ringingFor(bob)).toEqual([third!.inviteID]));
    expect(hook.result.current.inviteID).toBe(third!.inviteID);
    expect(hook.result.current.error).toBeNull();
    expect(screen.queryByRole('alert')).toBeNull();
  });
});
