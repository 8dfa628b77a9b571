/**
 * `npx tsx demo/tools/videoCallScreenshots.ts`: starts the demo as `npm start` does, lets alice
 * make a video call to bob in Chromium with a fake camera and microphone, and saves bob's page in
 * the call — light and dark, English and Chinese — as `docs/images/video-call-<theme>-<lang>.png`.
 * @example npx tsx demo/tools/videoCallScreenshots.ts
 */
import { join } from 'node:path';
import { chromium } from 'playwright-core';
import { chromiumLaunchOptions, fakeMediaArgs } from '../../test/support/chromiumLaunchOptions.js';
import { signInDemo } from './signInDemo.js';
import { spawnDemo } from './spawnDemo.js';

const dir = join(import.meta.dirname, '..', '..', 'docs', 'images');
const demo = await spawnDemo();
const browser = await chromium.launch({ ...chromiumLaunchOptions, args: [...chromiumLaunchOptions.args, ...fakeMediaArgs] });
try {
  const open = (userID: string) => signInDemo(browser, demo.url, userID, { viewport: { width: 960, height: 900 }, permissions: ['microphone', 'camera'] });
  const alice = await open('alice');
  const bob = await open('bob');
  await alice.getByRole('checkbox', { name: 'Video call' }).check();
  await alice.getByRole('button', { name: 'Call bob' }).click();
  await bob.getByRole('alertdialog', { name: /alice/ }).getByRole('button', { name: 'Accept' }).click();
  await bob.locator('.rk-call-view[data-rk-state="connected"] video').nth(1).waitFor();
  await alice.getByRole('button', { name: 'Mute' }).click();
  await bob.waitForTimeout(2500); // a quality sample, frames on both tiles
  for (const lang of ['en', 'zh']) {
    for (const theme of ['light', 'dark']) {
      const [themeSelect, langSelect] = [bob.locator('.demo-switches select').nth(0), bob.locator('.demo-switches select').nth(1)];
      await themeSelect.selectOption(theme);
      await langSelect.selectOption(lang);
      await bob.waitForTimeout(400);
      const path = join(dir, `video-call-${theme}-${lang}.png`);
      await bob.screenshot({ path });
      console.log(`saved ${path}`);
    }
  }
  await bob.locator('.demo-switches select').nth(1).selectOption('en');
  await bob.getByRole('button', { name: 'Hang up' }).click();
} finally {
  await browser.close();
  await demo.stop();
}
