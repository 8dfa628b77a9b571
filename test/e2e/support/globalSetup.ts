import { chromium } from 'playwright-core';
import type { TestProject } from 'vitest/node';
import { buildDemo } from '../../../demo/buildDemo.js';
import { chromiumLaunchOptions, fakeMediaArgs } from '../../support/chromiumLaunchOptions.js';
import { spawnDemo } from '../../../demo/tools/spawnDemo.js';

/**
 * Global setup of the e2e project: builds the demo once (every `npm start` after reuses it), starts
 * one demo the way `npm start` does and one Chromium (with a fake camera and microphone, and
 * loopback WebRTC) that all test files connect to, and hands
 * both out as `inject('demoUrl')` and `inject('browserWSEndpoint')`.
 * @example const browser = await chromium.connect(inject('browserWSEndpoint'))
 */
export default async function setup(project: TestProject): Promise<() => Promise<void>> {
  await buildDemo();
  const [demo, browser] = await Promise.all([spawnDemo(), chromium.launchServer({ ...chromiumLaunchOptions, args: [...chromiumLaunchOptions.args, ...fakeMediaArgs] })]);
  project.provide('demoUrl', demo.url);
  project.provide('browserWSEndpoint', browser.wsEndpoint());
  return async () => {
    await browser.close();
    await demo.stop();
  };
}
