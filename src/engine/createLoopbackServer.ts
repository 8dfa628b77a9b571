import type { CommandAck, CommandName, CommandParams } from '../protocol/commands.js';
import type { MediaSignalEvent } from '../protocol/events.js';
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
  /** `[userID, deviceID]` as JSON → the media signal listeners of that device's links. */
  const deviceLinks = new Map<string, Set<(signal: MediaSignalEvent) => void>>();
  const deviceKey = (userID: string, deviceID: string) => JSON.stringify([userID, deviceID]);
  const engine = createEngine({
    ...options,
    deliver(userIDs, update) {
      for (const userID of userIDs) for (const send of links.get(userID) ?? []) send(update);
    },
    deliverMediaSignal(userID, deviceID, signal) {
      for (const send of deviceLinks.get(deviceKey(userID, deviceID)) ?? []) send(signal);
    },
  });
  engine.start();
  return {
    engine,
    async attach(identity: { userID: string; deviceID: string }, onUpdate: (update: WireUpdate) => void, onMediaSignal?: (signal: MediaSignalEvent) => void) {
      const session = { ...identity, connectionID: randomID() };
      await engine.connect(session);
      let set = links.get(identity.userID);
      if (!set) links.set(identity.userID, (set = new Set()));
      set.add(onUpdate);
      const key = deviceKey(identity.userID, identity.deviceID);
      let signals = deviceLinks.get(key);
      if (onMediaSignal) {
        if (!signals) deviceLinks.set(key, (signals = new Set()));
        signals.add(onMediaSignal);
      }
      return {
        request: <N extends CommandName>(name: N, params: CommandParams<N>) =>
          new Promise<CommandAck<N>>((resolve) => void engine.execute(session, name, params, resolve)),
        detach() {
          set.delete(onUpdate);
          if (onMediaSignal && signals) {
            signals.delete(onMediaSignal);
            if (signals.size === 0 && deviceLinks.get(key) === signals) deviceLinks.delete(key);
          }
          void engine.disconnect(session);
        },
      };
    },
    close() {
      engine.stop();
    },
  };
}
