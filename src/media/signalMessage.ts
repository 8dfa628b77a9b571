/**
 * The messages two `CallMedia` peers exchange through the server's media-signal relay, and their
 * JSON encoding. Every message names the sender's negotiation session (`sid`, one per
 * RTCPeerConnection) and a sequence number, so a message of an earlier session (a page that
 * reloaded, a connection that was rebuilt) or one that arrives twice is dropped.
 * @module
 */

/**
 * The protocol tag of every message (a message without it is ignored).
 * @example if (JSON.parse(signal).v !== MEDIA_SIGNAL_VERSION) return
 */
export const MEDIA_SIGNAL_VERSION = 'rk-media/1';

/**
 * What a message says, without its envelope.
 * @example const body: SignalBody = { type: 'state', mic: false, camera: true }
 */
export type SignalBody =
  /** "My session `sid` is ready": sent when a session starts and in reply to a new remote session. */
  | { type: 'hello' }
  /** An offer or an answer (perfect negotiation). */
  | { type: 'description'; description: RTCSessionDescriptionInit }
  /** A trickled ICE candidate (`null`: end of candidates). */
  | { type: 'candidate'; candidate: RTCIceCandidateInit | null }
  /** My microphone and camera as the other side should show them. */
  | { type: 'state'; mic: boolean; camera: boolean }
  /** I hang up: close our connection now. */
  | { type: 'bye' };

/**
 * One message on the wire: the body plus the sender's session, its sequence number in that
 * session, and the receiver's session it is meant for (unknown for the first hello).
 * @example const m: SignalMessage = { v: 'rk-media/1', sid: 'a1', seq: 1, type: 'hello' }
 */
export type SignalMessage = SignalBody & { v: typeof MEDIA_SIGNAL_VERSION; sid: string; seq: number; to?: string };

/**
 * Encodes a message for `sendMediaSignal`.
 * @example channel.send('bob', encodeSignal({ type: 'bye' }, { sid, seq: 7, to: remoteSid }))
 */
export function encodeSignal(body: SignalBody, envelope: { sid: string; seq: number; to?: string | undefined }): string {
  return JSON.stringify({ v: MEDIA_SIGNAL_VERSION, sid: envelope.sid, seq: envelope.seq, ...(envelope.to && { to: envelope.to }), ...body });
}

const TYPES = new Set(['hello', 'description', 'candidate', 'state', 'bye']);

/**
 * Decodes a received signal; undefined for anything that is not a well-formed media message (a
 * signal from another app sharing the relay, or garbage).
 * @example const message = decodeSignal(event.signal); if (message?.type === 'bye') close()
 */
export function decodeSignal(signal: string): SignalMessage | undefined {
  let value: unknown;
  try {
    value = JSON.parse(signal);
  } catch {
    return undefined;
  }
  if (typeof value !== 'object' || value === null) return undefined;
  const m = value as Record<string, unknown>;
  if (m.v !== MEDIA_SIGNAL_VERSION || typeof m.sid !== 'string' || typeof m.seq !== 'number' || !TYPES.has(m.type as string)) return undefined;
  if (m.to !== undefined && typeof m.to !== 'string') return undefined;
  if (m.type === 'description') {
    const d = m.description as Record<string, unknown> | undefined;
    if (typeof d !== 'object' || d === null || (d.type !== 'offer' && d.type !== 'answer') || typeof d.sdp !== 'string') return undefined;
  }
  if (m.type === 'candidate' && m.candidate !== null && (typeof m.candidate !== 'object' || m.candidate === undefined)) return undefined;
  if (m.type === 'state' && (typeof m.mic !== 'boolean' || typeof m.camera !== 'boolean')) return undefined;
  return m as unknown as SignalMessage;
}
