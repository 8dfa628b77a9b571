import { expect, inject, test } from 'vitest';
import { axeViolations } from './support/axeViolations.js';
import { openDemo, ringing, uniqueName } from './support/openDemo.js';
import { sharedBrowser } from './support/sharedBrowser.js';

const browser = sharedBrowser();

test('axe finds no WCAG A/AA violation on the demo, light and dark: signed in, ringing, in a call, group call and classroom tabs', async () => {
  const demo = openDemo(browser(), inject('demoUrl'));
  const [a, b] = [uniqueName('alice'), uniqueName('bob')];
  const alice = await demo.signIn(a);
  const bob = await demo.signIn(b);
  const found: Record<string, string[]> = {};
  const check = async (name: string, page: typeof alice) => {
    found[name] = await axeViolations(page);
  };

  for (const theme of ['Light', 'Dark']) {
    await bob.getByRole('combobox', { name: 'Theme' }).selectOption({ label: theme });
    await check(`${theme}: calls tab`, bob);
    await bob.getByRole('tab', { name: 'Group call' }).click();
    await check(`${theme}: group call tab`, bob);
    await bob.getByRole('tab', { name: 'Calls' }).click();
  }
  await alice.getByRole('button', { name: `Call ${b}` }).click();
  await ringing(bob, a).waitFor();
  await check('ringing', bob);
  await check('calling', alice);
  await ringing(bob, a).getByRole('button', { name: 'Accept' }).click();
  await bob.getByRole('timer').waitFor();
  await check('in a call', bob);

  expect(found).toEqual(Object.fromEntries(Object.keys(found).map((k) => [k, []])));
});
