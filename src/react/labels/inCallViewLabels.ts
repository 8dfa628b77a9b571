import type { LabelTable } from './commonLabels.js';

/**
 * Every visible string of `InCallView` and its parts.
 * @example const labels: Partial<InCallViewLabels> = { hangUp: 'End call' }
 */
export interface InCallViewLabels {
  /** The view's accessible name. */
  title: (name: string) => string;
  /** The line under the name while connected. */
  connected: string;
  /** The timer's accessible name. */
  duration: string;
  hangUp: string;
  /** Shown (as an alert) when hanging up failed. */
  hangUpFailed: string;
  /** A call's length, e.g. "3:12" (or "1:02:03"). */
  clock: (seconds: number) => string;
}

/**
 * A duration as `m:ss`, or `h:mm:ss` from one hour.
 * @example formatCallDuration(75) // '1:15'
 */
export function formatCallDuration(seconds: number): string {
  const s = String(seconds % 60).padStart(2, '0');
  const m = Math.floor(seconds / 60) % 60;
  const h = Math.floor(seconds / 3600);
  return h > 0 ? `${h}:${String(m).padStart(2, '0')}:${s}` : `${m}:${s}`;
}

/**
 * The built-in `InCallViewLabels` in English and Simplified Chinese.
 * @example inCallViewLabels.zh.hangUp // '挂断'
 */
export const inCallViewLabels: LabelTable<InCallViewLabels> = {
  en: {
    title: (name) => `In a call with ${name}`,
    connected: 'Connected',
    duration: 'Call duration',
    hangUp: 'Hang up',
    hangUpFailed: 'Could not hang up. Try again.',
    clock: formatCallDuration,
  },
  zh: {
    title: (name) => `与${name}通话中`,
    connected: '已接通',
    duration: '通话时长',
    hangUp: '挂断',
    hangUpFailed: '挂断失败，请重试。',
    clock: formatCallDuration,
  },
};
