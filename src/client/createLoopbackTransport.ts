import { RingkitError } from '../protocol/errors.js';
import type { CommandAck, CommandName, CommandParams } from '../protocol/commands.js';
import type { MediaSignalEvent } from '../protocol/events.js';
import type { WireUpdate } from '../protocol/wire.js';
import type { Transport } from './Transport.js';

/**
 * An in-page server a loopback transport can attach to (`createLoopbackServer` from `ringkit/server`).
 * @example const server: LoopbackServer = createLoopbackServer({ storage, groups })
 */
export interface LoopbackServer {
  attach(
    identity: { userID: string; deviceID: string },
    onUpdate: (update: WireUpdate) => void,
    onMediaSignal?: (signal: MediaSignalEvent) => void,
  ): Promise<{ request<N extends CommandName>(name: N, params: CommandParams<N>): Promise<CommandAck<N>>; detach(): void }>;
}

/**
 * A transport to an engine running in the same page (Storybook, demos, offline mode). Messages
 * are delivered asynchronously and in order, like a network.
 * @example createSignalingClient({ transport: createLoopbackTransport(server, { userID: 'alice' }) })
 */
export function createLoopbackTransport(server: LoopbackServer, identity: { userID: string; deviceID?: string }): Transport {
  let link: Awaited<ReturnType<LoopbackServer['attach']>> | undefined;
  let closed = false;
  const later = (fn: () => void) => setTimeout(fn, 0);
  // One name for the device across reopenings: its part in a call (and its media signals) stays with it.
  const deviceID = identity.deviceID ?? `loopback-${crypto.randomUUID().slice(0, 8)}`;
  return {
    open(listener) {
      closed = false;
      server.attach(
        { userID: identity.userID, deviceID },
        (update) => later(() => !closed && listener.onUpdate(update)),
        (signal) => later(() => !closed && listener.onMediaSignal?.(signal)),
      ).then(
        (l) => {
          link = l;
          later(() => listener.onOpen());
        },
        (err: { code?: string; message?: string }) =>
          later(() => listener.onClose(false, { code: err.code ?? 'UNAUTHENTICATED', message: err.message ?? 'refused' })),
      );
    },
    close() {
      closed = true;
      link?.detach();
      link = undefined;
    },
    async request(name, payload) {
      if (!link) throw new RingkitError('NOT_CONNECTED', 'not connected');
      const ack = await link.request(name, payload);
      await new Promise((resolve) => later(() => resolve(undefined)));
      return ack;
    },
  };
}
