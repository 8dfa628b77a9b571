import { expect, inject, test } from 'vitest';
import { openDemo, uniqueName } from './support/openDemo.js';
import { sharedBrowser } from './support/sharedBrowser.js';

const browser = sharedBrowser();

test('group call: alice calls bob and carol, bob accepts, carol declines then joins, dave is added mid-call, bob leaves, alice ends it', async () => {
  const demo = openDemo(browser(), inject('demoUrl'));
  const [a, b, c, d] = [uniqueName('alice'), uniqueName('bob'), uniqueName('carol'), uniqueName('dave')];
  const [alice, bob, carol, dave] = [await demo.signIn(a), await demo.signIn(b), await demo.signIn(c), await demo.signIn(d)];

  await alice.getByRole('tab', { name: 'Group call' }).click();
  const start = alice.getByRole('group', { name: 'Members to call' });
  await start.getByRole('checkbox', { name: b }).check();
  await start.getByRole('checkbox', { name: c }).check();
  await alice.getByRole('button', { name: 'Start group call' }).click();

  const invited = (page: typeof bob) => page.getByRole('region', { name: `${a} is calling` });
  await invited(bob).getByRole('button', { name: 'Accept' }).click();
  await invited(carol).getByRole('button', { name: 'Reject' }).click();

  const call = alice.getByRole('article', { name: `Group call started by ${a}` });
  const participant = (page: typeof alice, userID: string) =>
    page.getByRole('article', { name: `Group call started by ${a}` }).getByRole('list', { name: 'Participants' }).getByRole('listitem').filter({ hasText: userID });
  await participant(alice, b).filter({ hasText: 'Accepted' }).waitFor();
  await participant(alice, c).filter({ hasText: 'Declined' }).waitFor();

  await call.getByRole('group', { name: 'Add people to the call' }).getByRole('checkbox', { name: d }).check();
  await call.getByRole('button', { name: 'Invite 1' }).click();
  await invited(dave).getByRole('button', { name: 'Accept' }).click();
  await participant(alice, d).filter({ hasText: 'Accepted' }).waitFor();

  await carol.getByRole('tab', { name: 'Group call' }).click();
  await carol.getByRole('article', { name: `Group call started by ${a}` }).getByRole('button', { name: 'Join' }).click();
  await participant(alice, c).filter({ hasText: 'Accepted' }).waitFor();

  await bob.getByRole('button', { name: 'Leave' }).click();
  await participant(alice, b).filter({ hasText: 'Left' }).waitFor();

  await call.getByRole('button', { name: 'End for everyone' }).click();
  for (const page of [alice, carol, dave]) {
    await page.getByRole('article', { name: `Group call started by ${a}` }).waitFor({ state: 'detached' });
  }
  expect(await alice.getByText('No group call in progress.').count()).toBe(1);
});
