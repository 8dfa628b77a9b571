import { RingkitError } from '../protocol/errors.js';
import type { CommandName, CommandParams, CommandResult } from '../protocol/commands.js';
import type { ConnectionTracker } from './ConnectionTracker.js';
import type { Transport } from './Transport.js';

/**
 * Sends a command and returns its result (a refusal throws its RingkitError). Only while
 * connected, unless `retry`: a mutating command, which also goes out while reconnecting or during the first handshake (once connected) and is
 * sent again with the same requestID when the link is lost or the answer times out, until
 * `timeoutMs` has passed since the first try. `onReplayed` is called when the answer is a
 * requestID's first outcome given again (`replayed`), so what it carries may be old.
 * @example const result = await requestWithRetry(transport, connection, 'invitation:accept', params, { retry: true, timeoutMs: 10_000 })
 */
export async function requestWithRetry<N extends CommandName>(
  transport: Transport,
  connection: ConnectionTracker,
  name: N,
  params: CommandParams<N>,
  { retry, timeoutMs, onReplayed }: { retry: boolean; timeoutMs: number; onReplayed?: () => void },
): Promise<CommandResult<N>> {
  // A mutating command may also be sent while the first handshake's updates are being applied: an
  // app that answers a call as it rings (the ring of an invitation that waited for this device
  // comes with the handshake, before `connect()` resolves) must not be refused.
  const waiting = () => connection.state === 'reconnecting' || (connection.state === 'connecting' && connection.inHandshake);
  if (connection.state !== 'connected' && !(retry && waiting())) {
    throw new RingkitError('NOT_CONNECTED', `not connected (${connection.state})`);
  }
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    if (waiting()) await connection.waitUntilConnected(deadline - Date.now());
    try {
      const ack = await transport.request(name, params, Math.max(1, deadline - Date.now()));
      if (ack.replayed) onReplayed?.();
      if (ack.ok) return ack.result;
      throw RingkitError.from(ack.error);
    } catch (error) {
      const lost = error instanceof RingkitError && (error.code === 'NOT_CONNECTED' || error.code === 'REQUEST_TIMEOUT');
      if (!retry || !lost || Date.now() >= deadline || gaveUp(connection)) throw error;
    }
  }
}

/** The client was disconnected (by the app or a refusal) while the request ran. */
function gaveUp(connection: ConnectionTracker): boolean {
  return connection.state === 'disconnected';
}
