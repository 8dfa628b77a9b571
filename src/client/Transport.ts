import type { CommandAck, CommandName, CommandParams, CommandRequest, UNACKED_COMMAND } from '../protocol/commands.js';
import type { MediaSignalEvent } from '../protocol/events.js';
import type { WireUpdate } from '../protocol/wire.js';

/**
 * What a transport tells the client.
 * @example transport.open({ onOpen, onClose, onUpdate })
 */
export interface TransportListener {
  /** Authenticated and ready for requests. */
  onOpen(): void;
  /** The link dropped; `willRetry` says whether the transport reconnects by itself. */
  onClose(willRetry: boolean, error?: { code: string; message: string }): void;
  onUpdate(update: WireUpdate): void;
  /** A media signal relayed to this device (docs/protocol.md, "Media signals"). */
  onMediaSignal?(signal: MediaSignalEvent): void;
  /**
   * An acknowledgement, as it arrives, before its request settles: in the order the connection
   * delivered it among the updates (the answer of a change may be the device's only copy of it,
   * and an update after it builds on it). Also an answer that came after its request timed out.
   */
  onAnswer?(name: CommandName, ack: CommandAck<CommandName>): void;
}

/**
 * How a `SignalingClient` reaches a server: socket.io over the network, or an in-page loopback.
 * @example const client = createSignalingClient({ transport: createLoopbackTransport(server, { userID: 'alice' }) })
 */
export interface Transport {
  open(listener: TransportListener): void;
  close(): void;
  /** Sends a command; resolves with the server's acknowledgement, rejects on timeout or loss. */
  request: CommandRequest;
  /**
   * Sends the receipt without asking for an acknowledgement; false when it could not be sent (not
   * connected). Without it the client sends the receipt with `request`.
   */
  notify?(name: typeof UNACKED_COMMAND, params: CommandParams<typeof UNACKED_COMMAND>): boolean;
}
