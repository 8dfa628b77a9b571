import { chromium, type Browser } from 'playwright-core';
import { afterAll, beforeAll, inject } from 'vitest';

/**
 * Connects the test file to the Chromium started once by the e2e global setup; returns a getter
 * for it (valid inside tests).
 * @example const browser = sharedBrowser(); test('…', async () => { const demo = openDemo(browser(), inject('demoUrl')) })
 */
export function sharedBrowser(): () => Browser {
  let browser: Browser | undefined;
  beforeAll(async () => {
    browser = await chromium.connect(inject('browserWSEndpoint'));
  });
  afterAll(async () => {
    await browser?.close();
  });
  return () => {
    if (!browser) throw new Error('the shared browser is not connected yet');
    return browser;
  };
}
