import { act, screen, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { describe, expect, it } from 'vitest';
import { createMemoryStorage } from '../../src/server/index.js';
import { DetachedCallNotice, useCall, useDetachedCall } from '../../src/react/index.js';
import { crashDevice } from '../support/harness.js';
import { connectClient, eventually, renderAs, renderHookAs, startServer } from './support/ringkit.js';

/** Alice calls Bob, Bob answers on `bob-tab-1`, then that tab dies: Bob comes back on `bob-tab-2`. */
async function callLeftOnACrashedTab() {
  const storage = createMemoryStorage();
  const server = await startServer({ storage });
  const alice = await connectClient(server, 'alice');
  const oldTab = await connectClient(server, 'bob', { deviceID: 'bob-tab-1' });
  const { inviteID } = await alice.invite('bob', { mode: 'advanced', timeout: 30 });
  await oldTab.next('invitationReceived', (e) => e.inviteID === inviteID);
  await oldTab.accept(inviteID);
  await crashDevice(server, oldTab);
  const newTab = await connectClient(server, 'bob', { deviceID: 'bob-tab-2' });
  return { storage, alice, newTab, inviteID };
}

describe('a call left on a crashed tab', () => {
  it('useDetachedCall names it; "Continue here" moves it to this device, where useCall shows it connected', async () => {
    const { storage, newTab, inviteID } = await callLeftOnACrashedTab();
    const bob = renderHookAs(newTab, () => ({ detached: useDetachedCall(), call: useCall() }));
    await eventually(() => expect(bob.result.current.detached.invitation?.inviteID).toBe(inviteID));
    expect(bob.result.current.detached.peers).toEqual(['alice']);
    expect(bob.result.current.call.status).toBe('idle');

    await act(() => bob.result.current.detached.continueButtonProps.onClick());
    await eventually(() => expect(bob.result.current.detached.invitation).toBeUndefined());
    await eventually(() => expect(bob.result.current.call).toMatchObject({ status: 'connected', peer: 'alice', callID: inviteID }));
    expect((await storage.getInvitation(inviteID))?.users.find((u) => u.userID === 'bob')).toMatchObject({ state: 'accepted', deviceID: 'bob-tab-2' });
  });

  it('DetachedCallNotice: "End call" ends it for both, and the next call rings at once', async () => {
    const { storage, alice, newTab, inviteID } = await callLeftOnACrashedTab();
    renderAs(newTab, <DetachedCallNotice />);
    const notice = await screen.findByRole('region', { name: 'You are still in a call with alice on another device' });
    await userEvent.click(within(notice).getByRole('button', { name: 'End call' }));

    await eventually(() => expect(screen.queryByRole('region')).toBeNull());
    expect(await storage.getInvitation(inviteID)).toMatchObject({ state: 'ended', endReason: 'ended' });
    const next = await alice.invite('bob', { mode: 'advanced', busyPolicy: 'reject', timeout: 30 });
    await newTab.next('invitationReceived', (e) => e.inviteID === next.inviteID);
  });
});
