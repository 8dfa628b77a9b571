import type { Page } from 'playwright-core';
import { expect, inject, test } from 'vitest';
import { openDemo, uniqueName } from './support/openDemo.js';
import { sharedBrowser } from './support/sharedBrowser.js';

const browser = sharedBrowser();
const background = (page: Page) => page.evaluate(() => getComputedStyle(document.body).backgroundColor);

test('the theme switch turns the page dark and back, the language switch turns it to Chinese and back, and both survive a reload', async () => {
  const demo = openDemo(browser(), inject('demoUrl'));
  const page = await demo.signIn(uniqueName('zoe'));
  const light = await background(page);

  await page.getByRole('combobox', { name: 'Theme' }).selectOption({ label: 'Dark' });
  await expect.poll(() => background(page)).not.toBe(light);
  await page.getByRole('combobox', { name: 'Language' }).selectOption({ label: '中文' });
  await page.getByRole('button', { name: '退出登录' }).waitFor();
  await page.getByRole('tab', { name: '课堂' }).waitFor();

  await page.reload();
  await page.getByRole('status').filter({ hasText: '已连接' }).waitFor();
  expect(await background(page)).not.toBe(light);

  await page.getByRole('combobox', { name: '主题' }).selectOption({ label: '浅色' });
  await page.getByRole('combobox', { name: '语言' }).selectOption({ label: 'English' });
  await page.getByRole('button', { name: 'Sign out' }).waitFor();
  expect(await background(page)).toBe(light);
});

test('until the user chooses, the theme follows the system colour scheme', async () => {
  const demo = openDemo(browser(), inject('demoUrl'), { beforeLoad: (page) => page.emulateMedia({ colorScheme: 'dark' }) });
  const page = await demo.signIn(uniqueName('yan'));
  expect(await page.evaluate(() => document.documentElement.dataset.rkTheme)).toBe('dark');
  expect(await page.getByRole('combobox', { name: 'Theme' }).inputValue()).toBe('dark');

  await page.emulateMedia({ colorScheme: 'light' });
  await page.reload();
  await page.getByRole('status').filter({ hasText: 'Connected' }).waitFor();
  expect(await page.evaluate(() => document.documentElement.dataset.rkTheme)).toBe('light');

  await page.getByRole('combobox', { name: 'Theme' }).selectOption({ label: 'Dark' });
  await page.reload();
  await page.getByRole('status').filter({ hasText: 'Connected' }).waitFor();
  expect(await page.evaluate(() => document.documentElement.dataset.rkTheme)).toBe('dark');
});
