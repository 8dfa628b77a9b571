import { createEngine, type EngineOptions } from '../../src/engine/createEngine.js';
import type { Session } from '../../src/engine/Session.js';
import { createMemoryGroupDirectory } from '../../src/engine/memory/createMemoryGroupDirectory.js';
import { createMemoryStorage } from '../../src/engine/memory/createMemoryStorage.js';
import type { Invitation } from '../../src/protocol/types.js';
import type { CommandAck, CommandName, CommandParams, CommandResult } from '../../src/protocol/commands.js';
import type { WireUpdate } from '../../src/protocol/wire.js';
import { manualClock } from './manualClock.js';

/**
 * The real engine on memory storage with a manual clock, and what it delivered to whom —
 * for timing rules tested without sleeping.
 */
export function engineHarness(options: Partial<EngineOptions> = {}) {
  const clock = manualClock();
  const groups = createMemoryGroupDirectory();
  const storage = createMemoryStorage({ now: clock.now });
  const delivered: { userID: string; update: WireUpdate }[] = [];
  const engine = createEngine({
    storage,
    groups,
    clock,
    coalesceWindowMs: 0,
    deliver: (userIDs, update) => userIDs.forEach((userID) => delivered.push({ userID, update })),
    ...options,
  });
  const session = (userID: string, deviceID = 'd1'): Session => ({ userID, deviceID, connectionID: `${userID}/${deviceID}` });

  /** Runs a command and returns its result, throwing the wire error's code on failure. */
  async function run<N extends CommandName>(userID: string, name: N, params: CommandParams<N>, deviceID?: string): Promise<CommandResult<N>> {
    const ack = await new Promise<CommandAck<N>>((resolve) => void engine.execute(session(userID, deviceID), name, params, resolve));
    if (!ack.ok) throw Object.assign(new Error(ack.error.message), { code: ack.error.code });
    return ack.result;
  }

  return {
    engine,
    storage,
    groups,
    clock,
    delivered,
    session,
    run,
    /** Moves time forward and fires the timers that became due. */
    async advance(ms: number) {
      clock.advance(ms);
      await engine.runDueTimers();
    },
    /** The stored invitation. */
    async get(inviteID: string): Promise<Invitation> {
      return (await storage.getInvitation(inviteID))!;
    },
    stateOf(inv: Invitation, userID: string) {
      return inv.users.find((u) => u.userID === userID)?.state;
    },
  };
}
