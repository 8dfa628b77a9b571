import { describe, inject, test } from 'vitest';
import { openDemo, ringing, uniqueName } from './support/openDemo.js';
import { sharedBrowser } from './support/sharedBrowser.js';

const browser = sharedBrowser();

describe('a browser that dies mid-call', () => {
  test('both come back in a new browser: the next call rings at once, each page offers to end the leftover call, and ending it clears it on both', async () => {
    const demo = openDemo(browser(), inject('demoUrl'));
    const [a, b] = [uniqueName('alice'), uniqueName('bob')];
    const oldAlice = await demo.signIn(a);
    const oldBob = await demo.signIn(b);
    await oldAlice.getByRole('button', { name: `Call ${b}` }).click();
    await ringing(oldBob, a).getByRole('button', { name: 'Accept' }).click();
    await oldAlice.getByRole('timer').waitFor();

    await Promise.all([demo.crash(a), demo.crash(b)]);
    const alice = await demo.signIn(a);
    const bob = await demo.signIn(b);
    const leftover = (page: typeof alice, peer: string) =>
      page.getByRole('region', { name: `You are still in a call with ${peer} on another device` });
    await leftover(alice, b).waitFor({ timeout: 10_000 });
    await leftover(bob, a).waitFor({ timeout: 10_000 });

    // The leftover call does not make bob busy: a new call rings on his new browser.
    await alice.getByRole('button', { name: `Call ${b}` }).click();
    await ringing(bob, a).waitFor({ timeout: 10_000 });
    await ringing(bob, a).getByRole('button', { name: 'Reject' }).click();
    await alice.getByRole('status').filter({ hasText: `${b} declined` }).waitFor();

    // "End call" ends the leftover for both; then a call rings and connects.
    await leftover(bob, a).getByRole('button', { name: 'End call' }).click();
    await leftover(bob, a).waitFor({ state: 'detached' });
    await leftover(alice, b).waitFor({ state: 'detached' });
    await alice.getByRole('button', { name: `Call ${b}` }).click();
    await ringing(bob, a).getByRole('button', { name: 'Accept' }).click();
    await bob.getByRole('timer').waitFor();
    await alice.getByRole('timer').waitFor();
  });
});
