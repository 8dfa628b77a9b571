import type { Browser, BrowserContextOptions, Page } from 'playwright-core';

/**
 * A new browser context on the demo at `url`, signed in as `userID` and connected.
 * @example const alice = await signInDemo(browser, demo.url, 'alice', { viewport: { width: 960, height: 600 } })
 */
export async function signInDemo(browser: Browser, url: string, userID: string, contextOptions: BrowserContextOptions = {}): Promise<Page> {
  const context = await browser.newContext({ deviceScaleFactor: 1, ...contextOptions });
  const page = await context.newPage();
  await page.goto(url);
  await page.getByRole('textbox', { name: 'User ID' }).fill(userID);
  await page.getByRole('button', { name: 'Sign in' }).click();
  await page.getByRole('status').filter({ hasText: 'Connection: connected' }).waitFor();
  return page;
}
