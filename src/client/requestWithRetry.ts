import { RingkitError } from '../protocol/errors.js';
import type { CommandAck, CommandName, CommandParams, CommandResult } from '../protocol/commands.js';
import type { ConnectionTracker } from './ConnectionTracker.js';
import type { Transport } from './Transport.js';

/** How `requestWithRetry` sends: retried or not, within how long, and who hears of a replayed answer. */
interface RetryOptions {
  retry: boolean;
  timeoutMs: number;
  onReplayed?: () => void;
}

/**
 * Sends a command and returns its result (a refusal throws its RingkitError). Only while
 * connected, unless `retry`: a mutating command, which also goes out while reconnecting or during the first handshake (once connected) and is
 * sent again with the same requestID when the link is lost or the answer times out, until
 * `timeoutMs` has passed since the first try. `onReplayed` is called when the answer is a
 * requestID's first outcome given again (`replayed`), so what it carries may be old.
 * @example const result = await requestWithRetry(transport, connection, 'invitation:accept', params, { retry: true, timeoutMs: 10_000 })
 */
export function requestWithRetry<N extends CommandName>(
  transport: Transport,
  connection: ConnectionTracker,
  name: N,
  params: CommandParams<N>,
  options: RetryOptions,
): Promise<CommandResult<N>> {
  const deadline = Date.now() + options.timeoutMs;
  if (connection.state !== 'connected') {
    if (!(options.retry && waitsForLink(connection))) return Promise.reject(new RingkitError('NOT_CONNECTED', `not connected (${connection.state})`));
    return retrying(transport, connection, name, params, options, deadline);
  }
  // The first try while connected, the common case, as one promise chain (no async function's
  // frame and loop per request); a lost try goes on in `retrying` with the same deadline.
  let sent: Promise<CommandAck<N>>;
  try {
    sent = transport.request(name, params, options.timeoutMs);
  } catch (error) {
    sent = Promise.reject(error);
  }
  return sent.then(
    (ack) => {
      const outcome = resultOf(ack, options);
      if (!(outcome instanceof RingkitError)) return outcome;
      if (!mayRetry(outcome, options, connection, deadline)) throw outcome;
      return retrying(transport, connection, name, params, options, deadline);
    },
    (error: unknown) => {
      if (!mayRetry(error, options, connection, deadline)) throw error;
      return retrying(transport, connection, name, params, options, deadline);
    },
  );
}

/** The tries after a lost one (or the first, when waiting for the link), until `deadline`. */
async function retrying<N extends CommandName>(
  transport: Transport,
  connection: ConnectionTracker,
  name: N,
  params: CommandParams<N>,
  options: RetryOptions,
  deadline: number,
): Promise<CommandResult<N>> {
  for (;;) {
    if (waitsForLink(connection)) await connection.waitUntilConnected(deadline - Date.now());
    try {
      const outcome = resultOf(await transport.request(name, params, Math.max(1, deadline - Date.now())), options);
      if (!(outcome instanceof RingkitError)) return outcome;
      throw outcome;
    } catch (error) {
      if (!mayRetry(error, options, connection, deadline)) throw error;
    }
  }
}

/**
 * Whether a mutating command waits for the link rather than fail: while reconnecting, and while
 * the first handshake's updates are being applied (an app that answers a call as it rings — the
 * ring of an invitation that waited for this device comes with the handshake, before `connect()`
 * resolves — must not be refused).
 */
function waitsForLink(connection: ConnectionTracker): boolean {
  return connection.state === 'reconnecting' || (connection.state === 'connecting' && connection.inHandshake);
}

/** The result of an answer, or its refusal as a RingkitError. */
function resultOf<N extends CommandName>(ack: CommandAck<N>, options: RetryOptions): CommandResult<N> | RingkitError {
  if (ack.replayed) options.onReplayed?.();
  return ack.ok ? ack.result : RingkitError.from(ack.error);
}

/** Whether a failed try is sent again: a lost link or answer, with time left, and the client not disconnected for good meanwhile. */
function mayRetry(error: unknown, options: RetryOptions, connection: ConnectionTracker, deadline: number): boolean {
  const lost = error instanceof RingkitError && (error.code === 'NOT_CONNECTED' || error.code === 'REQUEST_TIMEOUT');
  return options.retry && lost && Date.now() < deadline && connection.state !== 'disconnected';
}
