import { expect, inject, test } from 'vitest';
import { openDemo, ringing, uniqueName } from './support/openDemo.js';
import { sharedBrowser } from './support/sharedBrowser.js';

const browser = sharedBrowser();

test('bob signed in on two tabs: both ring, he answers on one, the other stops and says it was answered on another device', async () => {
  const demo = openDemo(browser(), inject('demoUrl'));
  const [a, b] = [uniqueName('alice'), uniqueName('bob')];
  const alice = await demo.signIn(a);
  const bobPhone = await demo.signIn(b);
  const bobLaptop = await demo.addDevice(b);

  await alice.getByRole('button', { name: `Call ${b}` }).click();
  await ringing(bobPhone, a).waitFor();
  await ringing(bobLaptop, a).waitFor();
  await ringing(bobLaptop, a).getByRole('button', { name: 'Accept' }).click();

  await bobLaptop.getByRole('timer').waitFor();
  await ringing(bobPhone, a).waitFor({ state: 'detached' });
  await bobPhone.getByRole('status').filter({ hasText: new RegExp(`^Call from ${a} answered on another device$`) }).waitFor();
  expect(await bobPhone.getByText(/answered on another device/i).count()).toBe(1);
  expect(await bobPhone.getByRole('timer').count()).toBe(0);
  await alice.getByRole('timer').waitFor();
});
