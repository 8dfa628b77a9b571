import type { Page, WebSocketRoute } from 'playwright-core';
import { describe, expect, inject, test } from 'vitest';
import { openDemo, ringing, uniqueName } from './support/openDemo.js';

import { sharedBrowser } from './support/sharedBrowser.js';
import { mediaReport, watchMedia } from './support/watchMedia.js';

const browser = sharedBrowser();

/** Both pages: no open peer connection, no live capture track. */
async function expectAllClosed(pages: Page[], timeout: number) {
  for (const page of pages) {
    await expect.poll(async () => {
      const { open, live } = await mediaReport(page, 0);
      return { open, live };
    }, { timeout }).toEqual({ open: 0, live: 0 });
  }
}

async function connectedCall(video = false, options: Parameters<typeof openDemo>[2] = {}) {
  const demo = openDemo(browser(), inject('demoUrl'), { initScript: watchMedia, ...options });
  const [a, b] = [uniqueName('alice'), uniqueName('bob')];
  const alice = await demo.signIn(a);
  const bob = await demo.signIn(b);
  if (video) await alice.getByRole('checkbox', { name: 'Video call' }).check();
  await alice.getByRole('button', { name: `Call ${b}` }).click();
  await ringing(bob, a).getByRole('button', { name: 'Accept' }).click();
  return { alice, bob, a, b };
}

describe('calls that connect in the demo (fake camera and microphone, loopback WebRTC)', () => {
  test('alice calls bob, bob accepts: audio flows both ways; after alice hangs up every connection and capture track is closed on both pages', async () => {
    const { alice, bob, a } = await connectedCall();
    for (const page of [alice, bob]) {
      await expect.poll(async () => (await mediaReport(page)).audioFlows, { timeout: 15_000 }).toBe(true);
      await page.getByRole('region', { name: 'Call' }).getByRole('status').filter({ hasText: 'Connected' }).waitFor();
    }
    expect((await mediaReport(alice, 0)).open).toBe(1);
    await alice.getByRole('button', { name: 'Hang up' }).click();
    await expectAllClosed([alice, bob], 5_000);
    await bob.getByText(`Call with ${a} ended`).waitFor();
  });

  test('a video call: frames are decoded on both pages; mute and camera off are shown to the other side', async () => {
    const { alice, bob, a } = await connectedCall(true);
    for (const page of [alice, bob]) await expect.poll(async () => (await mediaReport(page)).videoFlows, { timeout: 15_000 }).toBe(true);
    await alice.getByRole('button', { name: 'Mute' }).click();
    await expect.poll(() => alice.getByRole('button', { name: 'Mute' }).getAttribute('aria-pressed')).toBe('true');
    await bob.getByRole('img', { name: `${a}: microphone off` }).waitFor();
    await alice.getByRole('button', { name: 'Turn off camera' }).click();
    await bob.locator(`figure[aria-label="${a}"][data-rk-camera="off"]`).waitFor();
    await expect.poll(async () => (await mediaReport(alice, 0)).live).toBe(1); // the camera's capture stopped
    await bob.getByRole('button', { name: 'Hang up' }).click();
    await expectAllClosed([alice, bob], 5_000);
  });

  test('cancel: nothing stays open or captured on either page', async () => {
    const demo = openDemo(browser(), inject('demoUrl'), { initScript: watchMedia });
    const [a, b] = [uniqueName('alice'), uniqueName('bob')];
    const alice = await demo.signIn(a);
    const bob = await demo.signIn(b);
    await alice.getByRole('button', { name: `Call ${b}` }).click();
    await ringing(bob, a).waitFor();
    await alice.getByRole('button', { name: 'Cancel', exact: true }).click();
    await ringing(bob, a).waitFor({ state: 'detached' });
    await expectAllClosed([alice, bob], 5_000);
  });

  test("the other side's tab closes mid-call: the remaining page closes its connection and stops its capture", async () => {
    const { alice, bob } = await connectedCall();
    await expect.poll(async () => (await mediaReport(bob)).audioFlows, { timeout: 15_000 }).toBe(true);
    await alice.close({ runBeforeUnload: true });
    await expectAllClosed([bob], 10_000);
  });

  test("one side's signaling socket drops mid-call: it reconnects, ICE restarts, and audio flows again (bound: 10 s after the socket is back)", async () => {
    const sockets = new Map<string, WebSocketRoute>();
    const { alice, bob, b } = await connectedCall(false, {
      beforeLoad: (page, userID) =>
        page.routeWebSocket(/socket\.io/, (ws) => {
          ws.connectToServer();
          sockets.set(userID, ws);
        }),
    });
    await expect.poll(async () => (await mediaReport(bob)).audioFlows, { timeout: 15_000 }).toBe(true);
    const before = (await mediaReport(bob, 0)).ufrags;
    await sockets.get(b)!.close({ code: 4000, reason: 'network drop' });
    await bob.getByRole('status').filter({ hasText: 'Connection: connected' }).waitFor({ state: 'detached', timeout: 10_000 }).catch(() => undefined);
    await bob.getByRole('status').filter({ hasText: 'Connection: connected' }).waitFor({ timeout: 15_000 });
    await expect.poll(async () => (await mediaReport(bob, 0)).ufrags, { timeout: 10_000 }).not.toEqual(before);
    for (const page of [alice, bob]) await expect.poll(async () => (await mediaReport(page)).audioFlows, { timeout: 10_000 }).toBe(true);
    await alice.getByRole('button', { name: 'Hang up' }).click();
    await expectAllClosed([alice, bob], 5_000);
  });

  test('a group call of three: every pair connects (two connections per page) and audio flows; ending it closes everything', async () => {
    const demo = openDemo(browser(), inject('demoUrl'), { initScript: watchMedia });
    const [a, b, c] = [uniqueName('alice'), uniqueName('bob'), uniqueName('carol')];
    const [alice, bob, carol] = [await demo.signIn(a), await demo.signIn(b), await demo.signIn(c)];
    await alice.getByRole('tab', { name: 'Group call' }).click();
    const members = alice.getByRole('group', { name: 'Members to call' });
    await members.getByRole('checkbox', { name: b }).check();
    await members.getByRole('checkbox', { name: c }).check();
    await alice.getByRole('button', { name: 'Start group call' }).click();
    for (const page of [bob, carol]) await page.getByRole('region', { name: `${a} is calling` }).getByRole('button', { name: 'Accept' }).click();
    for (const page of [alice, bob, carol]) {
      await expect.poll(async () => {
        const report = await mediaReport(page);
        return { open: report.open, audioFlows: report.audioFlows };
      }, { timeout: 20_000 }).toEqual({ open: 2, audioFlows: true });
    }
    await alice.getByRole('article', { name: `Group call started by ${a}` }).getByRole('button', { name: 'End for everyone' }).click();
    await expectAllClosed([alice, bob, carol], 5_000);
  });
});
