import { inject, test } from 'vitest';
import { connected, openDemo, ringing, uniqueName } from './support/openDemo.js';
import { sharedBrowser } from './support/sharedBrowser.js';

const browser = sharedBrowser();

test('bob reloads the page while it rings: it rings again after the reload and he can answer', async () => {
  const demo = openDemo(browser(), inject('demoUrl'));
  const [a, b] = [uniqueName('alice'), uniqueName('bob')];
  const alice = await demo.signIn(a);
  const bob = await demo.signIn(b);

  await alice.getByRole('button', { name: `Call ${b}` }).click();
  await ringing(bob, a).waitFor();
  await bob.reload();
  await connected(bob);
  await ringing(bob, a).getByRole('button', { name: 'Accept' }).click();

  await bob.getByRole('timer').waitFor();
  await alice.getByRole('timer').waitFor();
});
