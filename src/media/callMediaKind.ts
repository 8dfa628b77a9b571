import type { Invitation } from '../protocol/types.js';

/**
 * Whether a call is audio-only or video, from its invitation's data: a JSON object with
 * `video: true` or `media: 'video'` is a video call; anything else is audio.
 * @example client.invite('bob', { mode: 'advanced', data: JSON.stringify({ roomID, video: true }) }) // callMediaKind(…) === 'video'
 */
export function callMediaKind(invitation: Pick<Invitation, 'data'>): 'audio' | 'video' {
  try {
    const data: unknown = JSON.parse(invitation.data);
    if (typeof data !== 'object' || data === null) return 'audio';
    const fields = data as Record<string, unknown>;
    return fields.video === true || fields.media === 'video' ? 'video' : 'audio';
  } catch {
    return 'audio';
  }
}
