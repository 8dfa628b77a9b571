import type { SignalingClient } from '../../src/index.js';
import { encodeCallData } from '../../src/react/index.js';
import { clientsOf } from './ringkitUsers.js';

/**
 * `from` calls `to` (advanced mode, a story room in the call data, `timeout` seconds to answer).
 * @example const { inviteID } = await call(alice, 'bob', { video: true })
 */
export const call = (from: SignalingClient, to: string | string[], data: Record<string, unknown> = {}, timeout = 30) =>
  from.invite(to, { mode: 'advanced', data: encodeCallData({ roomID: 'story-room', ...data }), timeout });

/**
 * alice, then carol, call bob (the story's users are alice, bob, carol).
 * @example const { alice, carol } = await callTwice(loaded)
 */
export async function callTwice(loaded: Record<string, unknown>) {
  const [alice, , carol] = clientsOf(loaded) as [SignalingClient, SignalingClient, SignalingClient];
  await call(alice, 'bob');
  await call(carol, 'bob');
  return { alice, carol };
}

/**
 * Puts bob in a connected call with carol, then alice calls him.
 * @example const { alice, fromAlice } = await callWhileInCall(loaded)
 */
export async function callWhileInCall(loaded: Record<string, unknown>) {
  const [alice, bob, carol] = clientsOf(loaded) as [SignalingClient, SignalingClient, SignalingClient];
  const withCarol = await call(carol, 'bob');
  await bob.accept(withCarol.inviteID);
  const fromAlice = await call(alice, 'bob');
  return { alice, carol, withCarol, fromAlice };
}
