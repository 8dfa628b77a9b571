import type { SignalingClient } from '../../src/index.js';
import type { shiftableClock } from './shiftableClock.js';

const DAY = 86_400_000;

async function until(check: () => boolean) {
  for (let i = 0; i < 200 && !check(); i++) await new Promise((r) => setTimeout(r, 20));
}

/**
 * Makes a day of calls for bob with the real engine: yesterday a call from carol he missed; today
 * a 3:12 call with alice (the engine's clock is moved on while they talk), a call he declined, one
 * he cancelled, one he missed, and one nobody answered (a real 1-second timeout).
 * @example const time = shiftableClock(); const { clients } = await loopbackUsers(['alice', 'bob', 'carol'], {}, {}, time.clock); await callHistoryDay(clients, time)
 */
export async function callHistoryDay([alice, bob, carol]: SignalingClient[], time: ReturnType<typeof shiftableClock>): Promise<void> {
  if (!alice || !bob || !carol) throw new Error('callHistoryDay needs alice, bob and carol');
  time.shift(-DAY);
  const yesterday = await carol.invite('bob');
  await carol.cancel(yesterday.inviteID);
  time.shift(DAY);

  const call = await alice.invite('bob', { mode: 'advanced' });
  await until(() => bob.getInvitation(call.inviteID) !== undefined);
  await bob.accept(call.inviteID);
  time.shift(192_000);
  await alice.end(call.inviteID);
  await until(() => bob.getInvitation(call.inviteID)?.state === 'ended');

  const declined = await alice.invite('bob');
  await until(() => bob.getInvitation(declined.inviteID) !== undefined);
  await bob.reject(declined.inviteID);
  const cancelled = await bob.invite('carol');
  await bob.cancel(cancelled.inviteID);
  const missed = await alice.invite('bob');
  await alice.cancel(missed.inviteID);
  const noAnswer = await bob.invite('carol', { timeout: 1 });
  await until(() => bob.getInvitation(noAnswer.inviteID)?.state === 'ended');
}
