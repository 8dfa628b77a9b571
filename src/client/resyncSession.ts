import type { PushSubscriptionData } from '../protocol/push.js';
import type { SyncResult } from '../protocol/wire.js';
import type { ConnectionTracker } from './ConnectionTracker.js';
import type { InvitationMirror } from './InvitationMirror.js';
import type { Transport } from './Transport.js';

/**
 * What the handshake works on.
 * @example void resyncSession({ transport, requestTimeoutMs, mirror, connection, identify, markedBusy: () => false })
 */
export interface ResyncSessionOptions {
  transport: Transport;
  requestTimeoutMs: number;
  mirror: InvitationMirror;
  connection: ConnectionTracker;
  /** Takes the server's word on who and where I am, and its clock. */
  identify(result: Pick<SyncResult, 'userID' | 'deviceID' | 'serverTime'>): void;
  /** Whether the app marked this device busy (sent again at every handshake). */
  markedBusy(): boolean;
  /** The push subscription the app stored for this device (sent again at every handshake), or null. */
  pushSubscription?(): PushSubscriptionData | null;
  /** Takes the calls the server named as held for my user by a device that is not connected. */
  detached(inviteIDs: string[]): void;
}

/**
 * The handshake after every (re)connect: `session:sync` with the active versions the mirror
 * holds, then the server's word on identity and clock, the missed calls marked seen, the busy
 * mark and the push subscription sent again, the updates applied and the invitations the server forgot ended, the detached calls noted; then the
 * client is connected. A server that answers with an error is asked again shortly (the link is
 * up, so nothing else would ask); a lost link makes the transport reconnect and call this again.
 * @example transport.open({ onOpen: () => void resyncSession(options), onClose, onUpdate })
 */
export async function resyncSession(options: ResyncSessionOptions): Promise<void> {
  const { transport, requestTimeoutMs, mirror, connection } = options;
  try {
    const ack = await transport.request('session:sync', { known: mirror.activeVersions() }, requestTimeoutMs);
    if (!ack.ok) {
      // The link is up but the server could not answer (e.g. its storage is restarting): ask
      // again shortly, or the client would wait in 'connecting' until the link happened to drop.
      setTimeout(() => connection.state !== 'disconnected' && void resyncSession(options), 200 + Math.random() * 800);
      return;
    }
    const result = ack.result;
    options.identify(result);
    const missed = result.updates.filter((u) => u.missed).map((u) => u.invitation.inviteID);
    if (missed.length > 0) void transport.request('session:missedSeen', { inviteIDs: missed }, requestTimeoutMs).catch(() => undefined);
    if (options.markedBusy()) await transport.request('session:busy', { busy: true }, requestTimeoutMs).catch(() => undefined);
    const subscription = options.pushSubscription?.();
    if (subscription) void transport.request('session:pushSubscription', { subscription }, requestTimeoutMs).catch(() => undefined);
    connection.handshaking();
    await mirror.applySync(result.updates, result.unknown, result.serverTime);
    options.detached(result.detached);
    connection.connected();
  } catch {
    // The transport reconnects and calls this again.
  }
}
