import type { CallMediaError } from './callMediaTypes.js';

const VIDEO: MediaTrackConstraints = { width: { ideal: 640 }, height: { ideal: 360 }, frameRate: { ideal: 15 } };

/** Which device a capture of `kind` opens. */
export const deviceOf = (kind: 'audio' | 'video'): CallMediaError['device'] => (kind === 'audio' ? 'microphone' : 'camera');

const errorOf = (e: unknown, device: CallMediaError['device']): CallMediaError => {
  const name = (e as { name?: string } | null)?.name;
  const code = name === 'NotAllowedError' || name === 'SecurityError' ? 'MEDIA_DENIED' : name === 'NotFoundError' || name === 'OverconstrainedError' ? 'NO_DEVICE' : 'MEDIA_FAILED';
  return { code, device, message: (e as Error | null)?.message ?? String(e) };
};

/**
 * Opens the microphone (`audio`) or the camera (`video`, 640×360 at 15 fps) — the device
 * `deviceID`, or the default one — and says why when it cannot.
 * @example
 * const { track, error } = await captureTrack('audio', null)
 * if (error?.code === 'MEDIA_DENIED') explainPermissions()
 */
export async function captureTrack(kind: 'audio' | 'video', deviceID: string | null): Promise<{ track: MediaStreamTrack | null; error: CallMediaError | null }> {
  const device = deviceOf(kind);
  if (typeof navigator === 'undefined' || !navigator.mediaDevices?.getUserMedia) {
    return { track: null, error: { code: 'MEDIA_FAILED', device, message: 'getUserMedia is not available (a secure context is needed)' } };
  }
  const constraints: MediaTrackConstraints = { ...(kind === 'video' && VIDEO), ...(deviceID && { deviceId: { exact: deviceID } }) };
  try {
    const stream = await navigator.mediaDevices.getUserMedia({ [kind]: constraints });
    return { track: stream.getTracks()[0] ?? null, error: null };
  } catch (e) {
    return { track: null, error: errorOf(e, device) };
  }
}
