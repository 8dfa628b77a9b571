import { mkdir } from 'node:fs/promises';
import { join } from 'node:path';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { onTestFinished } from 'vitest';

/** Where screenshots of failed e2e tests are kept (git-ignored). */
export const FAILURE_SCREENSHOTS = join(import.meta.dirname, '..', '..', '..', 'test-results', 'e2e');

/**
 * People using the demo in one test, each in their own browser context (like another computer).
 * @example const alice = await demo.signIn('alice')
 */
export interface DemoPeople {
  /** A new browser context on the demo, signed in as `userID`, connected. */
  signIn(userID: string): Promise<Page>;
  /** Another tab in that person's browser, signed in again: a second device of that user. */
  addDevice(userID: string): Promise<Page>;
  /**
   * That person's browser dies (every tab's renderer crashes, then the browser is gone): the
   * server only sees the connections drop. They may `signIn` again, in a new browser.
   */
  crash(userID: string): Promise<void>;
}

/**
 * How `openDemo` prepares each person's browser: a script run in every page before the demo's
 * own (e.g. one that keeps the page's RTCPeerConnections where the test can read them), and a
 * step run on each new page before it loads the demo (e.g. `page.routeWebSocket`).
 * @example const demo = openDemo(browser(), inject('demoUrl'), { initScript: watchMedia })
 */
export interface DemoOptions {
  initScript?: () => void;
  beforeLoad?: (page: Page, userID: string) => Promise<void>;
}

/**
 * Opens the demo for one test. When the test fails, every page is screenshotted into
 * `test-results/e2e/`; when it finishes, every context is closed.
 * @example const demo = openDemo(browser, inject('demoUrl')); const bob = await demo.signIn('bob')
 */
export function openDemo(browser: Browser, url: string, options: DemoOptions = {}): DemoPeople {
  const contexts = new Map<string, BrowserContext>();
  let pages: { name: string; page: Page }[] = [];
  onTestFinished(async ({ task }) => {
    if (task.result?.state === 'fail') {
      await mkdir(FAILURE_SCREENSHOTS, { recursive: true });
      const prefix = task.name.replace(/[^a-z0-9]+/gi, '-').toLowerCase();
      await Promise.all(
        pages.map(({ name, page }, i) =>
          page.screenshot({ path: join(FAILURE_SCREENSHOTS, `${prefix}-${i}-${name}.png`), fullPage: true }).catch(() => undefined),
        ),
      );
    }
    await Promise.all([...contexts.values()].map((context) => context.close().catch(() => undefined)));
  });
  const open = async (userID: string, context: BrowserContext) => {
    const page = await context.newPage();
    pages.push({ name: userID, page });
    await options.beforeLoad?.(page, userID);
    await page.goto(url);
    await page.getByRole('textbox', { name: 'User ID' }).fill(userID);
    await page.getByRole('button', { name: 'Sign in' }).click();
    await connected(page);
    return page;
  };
  return {
    async signIn(userID) {
      const context = await browser.newContext({ permissions: ['microphone', 'camera'] });
      if (options.initScript) await context.addInitScript(options.initScript);
      contexts.set(userID, context);
      return open(userID, context);
    },
    async addDevice(userID) {
      const context = contexts.get(userID);
      if (!context) throw new Error(`${userID} has not signed in yet`);
      return open(userID, context);
    },
    async crash(userID) {
      const context = contexts.get(userID);
      if (!context) throw new Error(`${userID} has not signed in yet`);
      for (const page of context.pages()) {
        const cdp = await context.newCDPSession(page);
        const crashed = page.waitForEvent('crash');
        void cdp.send('Page.crash').catch(() => undefined); // the renderer dies before it answers
        await crashed;
      }
      pages = pages.filter((p) => p.page.context() !== context);
      contexts.delete(userID);
      await context.close().catch(() => undefined);
    },
  };
}

/**
 * Waits until the page shows its connection as connected.
 * @example await connected(page)
 */
export async function connected(page: Page): Promise<void> {
  await page.getByRole('status').filter({ hasText: 'Connection: connected' }).waitFor();
}

/**
 * The ringing dialog for a call from `caller`.
 * @example await ringing(bob, 'alice').getByRole('button', { name: 'Accept' }).click()
 */
export function ringing(page: Page, caller: string) {
  return page.getByRole('alertdialog', { name: new RegExp(caller) });
}

/**
 * A fresh name for one test, so tests sharing a demo never see each other's calls.
 * @example const alice = uniqueName('alice') // 'alice-k3f9'
 */
export function uniqueName(base: string): string {
  return `${base}-${Math.random().toString(36).slice(2, 6)}`;
}
