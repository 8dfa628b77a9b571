import { afterEach, expect, test } from 'vitest';
import { spawnDemo, type SpawnedDemo } from '../../demo/tools/spawnDemo.js';
import { connected, openDemo, ringing, uniqueName } from './support/openDemo.js';
import { sharedBrowser } from './support/sharedBrowser.js';

const browser = sharedBrowser();
let server: SpawnedDemo | undefined;
afterEach(async () => {
  await server?.stop();
});

test('the in-memory server restarts mid-session: pages reconnect, the lost calls show as ended, nothing rings, and new calls work', async () => {
  server = await spawnDemo({ port: 0 });
  const demo = openDemo(browser(), server.url);
  const [a, b, c, d] = [uniqueName('alice'), uniqueName('bob'), uniqueName('carol'), uniqueName('dave')];
  const [alice, bob, carol, dave] = [await demo.signIn(a), await demo.signIn(b), await demo.signIn(c), await demo.signIn(d)];

  await alice.getByRole('button', { name: `Call ${b}` }).click();
  await ringing(bob, a).getByRole('button', { name: 'Accept' }).click();
  await alice.getByRole('timer').waitFor();
  await carol.getByRole('button', { name: `Call ${d}` }).click();
  await ringing(dave, c).waitFor();

  const port = server.port;
  await server.stop();
  await alice.getByRole('status').filter({ hasText: 'Connection: reconnecting' }).waitFor();
  server = await spawnDemo({ port });

  for (const page of [alice, bob, carol, dave]) await connected(page);
  await alice.getByRole('status').filter({ hasText: `Call with ${b} ended` }).waitFor();
  await bob.getByRole('status').filter({ hasText: `Call with ${a} ended` }).waitFor();
  // The ringing call the server forgot ends as cancelled for both sides (a missed call for dave).
  await carol.getByRole('status').filter({ hasText: `Call to ${d} cancelled` }).waitFor();
  await ringing(dave, c).waitFor({ state: 'detached' });
  await dave.getByRole('status').filter({ hasText: `Missed call from ${c}` }).waitFor();
  expect(await dave.getByRole('alertdialog').count()).toBe(0);
  expect(await alice.getByRole('timer').count()).toBe(0);

  await alice.getByRole('button', { name: 'OK' }).click();
  await alice.getByRole('button', { name: `Call ${b}` }).click();
  await ringing(bob, a).getByRole('button', { name: 'Accept' }).click();
  await alice.getByRole('timer').waitFor();
});
