import { describe, expect, inject, test } from 'vitest';
import { openDemo, ringing, uniqueName } from './support/openDemo.js';
import { sharedBrowser } from './support/sharedBrowser.js';

const browser = sharedBrowser();

describe('one-to-one calls in the demo', () => {
  test('alice calls bob from the online list, bob accepts, both are in the call with a timer, alice hangs up', async () => {
    // No console error in either tab (the 404 of a missing favicon.ico was one in every tab).
    const errors: string[] = [];
    const demo = openDemo(browser(), inject('demoUrl'), {
      beforeLoad: async (page, userID) => void page.on('console', (m) => void (m.type() === 'error' && errors.push(`${userID}: ${m.text()} ${m.location().url}`))),
    });
    const [a, b] = [uniqueName('alice'), uniqueName('bob')];
    const alice = await demo.signIn(a);
    const bob = await demo.signIn(b);

    await alice.getByRole('button', { name: `Call ${b}` }).click();
    await alice.getByRole('button', { name: 'Cancel', exact: true }).waitFor();
    const dialog = ringing(bob, a);
    await dialog.waitFor();
    await dialog.getByRole('button', { name: 'Accept' }).click();

    for (const page of [alice, bob]) {
      await page.getByRole('timer').waitFor();
      await page.getByRole('button', { name: 'Hang up' }).waitFor();
    }
    await expect.poll(() => alice.getByRole('timer').textContent(), { timeout: 10_000 }).toMatch(/^0:0[1-9]$/);
    await alice.getByRole('button', { name: 'Hang up' }).click();
    await bob.getByText(`Call with ${a} ended`).waitFor();
    await alice.getByText(`Call with ${b} ended`).waitFor();
    expect(await bob.getByRole('alertdialog').count()).toBe(0);
    expect(errors).toEqual([]);
  });

  test('alice dials bob by name and cancels: bob stops ringing and sees a missed call in his history', async () => {
    const demo = openDemo(browser(), inject('demoUrl'));
    const [a, b] = [uniqueName('alice'), uniqueName('bob')];
    const alice = await demo.signIn(a);
    const bob = await demo.signIn(b);

    await alice.getByRole('textbox', { name: 'Callee' }).fill(b);
    await alice.getByRole('button', { name: 'Call', exact: true }).click();
    await ringing(bob, a).waitFor();
    await alice.getByRole('button', { name: 'Cancel', exact: true }).click();

    await ringing(bob, a).waitFor({ state: 'detached' });
    await bob.getByRole('status').filter({ hasText: `Missed call from ${a}` }).waitFor();
    await bob.getByRole('group', { name: 'Call history' }).getByRole('listitem').filter({ hasText: a }).filter({ hasText: 'Missed call' }).waitFor();
  });

  test('bob rejects: alice sees that bob declined', async () => {
    const demo = openDemo(browser(), inject('demoUrl'));
    const [a, b] = [uniqueName('alice'), uniqueName('bob')];
    const alice = await demo.signIn(a);
    const bob = await demo.signIn(b);

    await alice.getByRole('button', { name: `Call ${b}` }).click();
    await ringing(bob, a).getByRole('button', { name: 'Reject' }).click();

    await alice.getByRole('status').filter({ hasText: `${b} declined` }).waitFor();
    await ringing(bob, a).waitFor({ state: 'detached' });
  });

  test('carol calls bob while bob is in a call with alice: carol is told bob is busy, and nothing rings for bob', async () => {
    const demo = openDemo(browser(), inject('demoUrl'));
    const [a, b, c] = [uniqueName('alice'), uniqueName('bob'), uniqueName('carol')];
    const alice = await demo.signIn(a);
    const bob = await demo.signIn(b);
    const carol = await demo.signIn(c);

    await alice.getByRole('button', { name: `Call ${b}` }).click();
    await ringing(bob, a).getByRole('button', { name: 'Accept' }).click();
    await bob.getByRole('timer').waitFor();

    await carol.getByRole('button', { name: `Call ${b}` }).click();
    await carol.getByRole('status').filter({ hasText: `${b} is busy` }).waitFor();
    expect(await bob.getByRole('alertdialog').count()).toBe(0);
    await alice.getByRole('timer').waitFor();
  });

  test("call waiting: bob lets calls ring while busy, carol's call rings during his call with alice, he ends that one and takes carol's", async () => {
    const demo = openDemo(browser(), inject('demoUrl'));
    const [a, b, c] = [uniqueName('alice'), uniqueName('bob'), uniqueName('carol')];
    const alice = await demo.signIn(a);
    const bob = await demo.signIn(b);
    const carol = await demo.signIn(c);
    await bob.getByRole('combobox', { name: 'When I am in a call' }).selectOption({ label: 'Call waiting (let it ring)' });

    await alice.getByRole('button', { name: `Call ${b}` }).click();
    await ringing(bob, a).getByRole('button', { name: 'Accept' }).click();
    await bob.getByRole('timer').waitFor();

    await carol.getByRole('button', { name: `Call ${b}` }).click();
    await ringing(bob, c).getByRole('button', { name: 'End and accept' }).click();

    await bob.getByRole('status').filter({ hasText: `In a call with ${c}` }).waitFor();
    await carol.getByRole('timer').waitFor();
    await alice.getByRole('status').filter({ hasText: `Call with ${b} ended` }).waitFor();
  });
});
