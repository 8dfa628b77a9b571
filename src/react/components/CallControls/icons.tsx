/** Small inline icons of the call controls (decorative: the buttons are named by their labels). */
const svg = { viewBox: '0 0 24 24', width: '1.25em', height: '1.25em', fill: 'none', stroke: 'currentColor', strokeWidth: 2, strokeLinecap: 'round', strokeLinejoin: 'round', 'aria-hidden': true, focusable: false } as const;

/**
 * A microphone, struck through when `off`.
 * @example <MicIcon off={!media.mic} />
 */
export function MicIcon({ off }: { off?: boolean }) {
  return (
    <svg {...svg}>
      <rect x="9" y="3" width="6" height="11" rx="3" />
      <path d="M5 11a7 7 0 0 0 14 0M12 18v3" />
      {off && <path d="M3 3l18 18" />}
    </svg>
  );
}

/**
 * A camera, struck through when `off`.
 * @example <CameraIcon off={!media.camera} />
 */
export function CameraIcon({ off }: { off?: boolean }) {
  return (
    <svg {...svg}>
      <rect x="2" y="6" width="14" height="12" rx="2" />
      <path d="M16 10l6-3v10l-6-3" />
      {off && <path d="M3 3l18 18" />}
    </svg>
  );
}

/**
 * A handset put down.
 * @example <HangUpIcon />
 */
export function HangUpIcon() {
  return (
    <svg {...svg}>
      <path d="M3 15c5-5 13-5 18 0l-2 3-4-1v-3a10 10 0 0 0-6 0v3l-4 1z" />
    </svg>
  );
}
