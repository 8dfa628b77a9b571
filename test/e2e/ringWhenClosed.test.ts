import { expect, inject, test } from 'vitest';
import { openDemo, uniqueName } from './support/openDemo.js';
import { sharedBrowser } from './support/sharedBrowser.js';

const browser = sharedBrowser();

test('the demo offers "Ring me when this tab is closed" as a switch, off at first, with its worker and key served', async () => {
  const demo = openDemo(browser(), inject('demoUrl'));
  const page = await demo.signIn(uniqueName('rita'));
  const toggle = page.getByRole('switch', { name: 'Ring me when this tab is closed' });
  await expect.poll(() => toggle.isEnabled(), { timeout: 10_000 }).toBe(true);
  expect(await toggle.getAttribute('aria-checked')).toBe('false');

  const served = await page.evaluate(async () => {
    const [worker, key] = await Promise.all([fetch('/sw.js'), fetch('/ringkit-vapid-key')]);
    return { type: worker.headers.get('content-type'), worker: await worker.text(), key: await key.text() };
  });
  expect(served.type).toMatch(/javascript/);
  expect(served.worker).toContain('notificationclick');
  expect(atob(served.key.replace(/-/g, '+').replace(/_/g, '/'))).toHaveLength(65);
});
