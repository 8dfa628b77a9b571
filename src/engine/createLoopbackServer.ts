import type { CommandAck, CommandName, CommandParams } from '../protocol/commands.js';
import type { WireUpdate } from '../protocol/wire.js';
import { createEngine, type EngineOptions } from './createEngine.js';
import { randomID } from './randomID.js';

/**
 * An engine served inside the page, for `createLoopbackTransport`: Storybook stories and demos
 * run the real rules without a network.
 * @example
 * const server = createLoopbackServer({ storage: createMemoryStorage(), groups: createMemoryGroupDirectory() })
 * const alice = createSignalingClient({ transport: createLoopbackTransport(server, { userID: 'alice' }) })
 */
export function createLoopbackServer(options: Omit<EngineOptions, 'deliver'>) {
  const links = new Map<string, Set<(update: WireUpdate) => void>>();
  const engine = createEngine({
    ...options,
    deliver(userIDs, update) {
      for (const userID of userIDs) for (const send of links.get(userID) ?? []) send(update);
    },
  });
  engine.start();
  return {
    engine,
    async attach(identity: { userID: string; deviceID: string }, onUpdate: (update: WireUpdate) => void) {
      const session = { ...identity, connectionID: randomID() };
      await engine.connect(session);
      let set = links.get(identity.userID);
      if (!set) links.set(identity.userID, (set = new Set()));
      set.add(onUpdate);
      return {
        request: <N extends CommandName>(name: N, params: CommandParams<N>) =>
          new Promise<CommandAck<N>>((resolve) => void engine.execute(session, name, params, resolve)),
        detach() {
          set.delete(onUpdate);
          void engine.disconnect(session);
        },
      };
    },
    close() {
      engine.stop();
    },
  };
}
