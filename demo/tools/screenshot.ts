/**
 * `npm run demo:screenshot`: starts the demo as `npm start` does, lets alice call bob in Chromium
 * and saves bob's page, ringing, as `docs/ringing-call.png` (the README's picture).
 * @example npm run demo:screenshot
 */
import { join } from 'node:path';
import { chromium } from 'playwright-core';
import { chromiumLaunchOptions } from '../../test/support/chromiumLaunchOptions.js';
import { signInDemo } from './signInDemo.js';
import { spawnDemo } from './spawnDemo.js';

const out = join(import.meta.dirname, '..', '..', 'docs', 'ringing-call.png');
const demo = await spawnDemo();
const browser = await chromium.launch(chromiumLaunchOptions);
try {
  const open = (userID: string) => signInDemo(browser, demo.url, userID, { viewport: { width: 960, height: 600 } });
  const alice = await open('alice');
  const bob = await open('bob');
  await alice.getByRole('button', { name: 'Call bob' }).click();
  await bob.getByRole('alertdialog', { name: /alice/ }).waitFor();
  await bob.waitForTimeout(300); // let the dialog's entrance settle
  await bob.screenshot({ path: out });
  console.log(`saved ${out}`);
} finally {
  await browser.close();
  await demo.stop();
}
