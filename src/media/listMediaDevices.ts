import type { MediaDevices } from './callMediaTypes.js';

/** No device known (before the first listing, or where the browser cannot list them). */
export const NO_DEVICES: MediaDevices = { microphones: [], cameras: [], speakers: [] };

/**
 * The microphones, cameras and speakers the browser offers (labels appear once a capture was
 * allowed); `NO_DEVICES` where it cannot list them.
 * @example const { microphones } = await listMediaDevices()
 */
export async function listMediaDevices(): Promise<MediaDevices> {
  if (typeof navigator === 'undefined' || !navigator.mediaDevices?.enumerateDevices) return NO_DEVICES;
  const all = await navigator.mediaDevices.enumerateDevices().catch(() => [] as MediaDeviceInfo[]);
  return {
    microphones: all.filter((d) => d.kind === 'audioinput'),
    cameras: all.filter((d) => d.kind === 'videoinput'),
    speakers: all.filter((d) => d.kind === 'audiooutput'),
  };
}
