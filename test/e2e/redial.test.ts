import { describe, inject, test } from 'vitest';
import { openDemo, ringing, uniqueName } from './support/openDemo.js';
import { sharedBrowser } from './support/sharedBrowser.js';

const browser = sharedBrowser();
/** The demo's call timeout (useCall's default, 30 s); the server's callerGraceSeconds (35 s) is longer. */
const CALL_TIMEOUT_MS = 30_000;

describe('a browser that dies while its call rings', () => {
  test('alice calls again from a new browser: her page shows the old call and calling replaces it; bob is left with the live call, and Accept connects both', async () => {
    const demo = openDemo(browser(), inject('demoUrl'));
    const [a, b] = [uniqueName('alice'), uniqueName('bob')];
    const oldAlice = await demo.signIn(a);
    const bob = await demo.signIn(b);
    // The old call ends by itself no sooner than its timeout (the grace period is longer): until
    // then only alice's new page can end it, so the waits for that stop short of it.
    const oldCallEnds = Date.now() + CALL_TIMEOUT_MS;
    const beforeOldCallEnds = () => ({ timeout: Math.max(1_000, oldCallEnds - Date.now() - 2_000) });
    await oldAlice.getByRole('button', { name: `Call ${b}` }).click();
    await ringing(bob, a).waitFor();

    // No goodbye: the server keeps the call for the grace period, and her new browser keeps it alive.
    await demo.crash(a);
    const alice = await demo.signIn(a);
    const leftover = alice.getByRole('region', { name: `You are calling ${b} from another device` });
    await leftover.waitFor({ timeout: 10_000 });

    await alice.getByRole('button', { name: `Call ${b}` }).click();
    await leftover.waitFor({ state: 'detached', ...beforeOldCallEnds() });
    await bob.getByText('more call waiting').waitFor({ state: 'detached', ...beforeOldCallEnds() });
    await ringing(bob, a).getByRole('button', { name: 'Accept' }).click();
    await bob.getByRole('timer').waitFor();
    await alice.getByRole('timer').waitFor();
  });
});
