/**
 * A 16px bell drawn in the text colour, struck through when `off` (no emoji font needed). Decorative:
 * hidden from assistive technology, the button's text names it.
 * @example <button><BellIcon off={muted} /> Mute ringtone</button>
 */
export function BellIcon({ off = false }: { off?: boolean }) {
  return (
    <svg
      className="rk-icon"
      width="16"
      height="16"
      viewBox="0 0 24 24"
      fill="none"
      stroke="currentColor"
      strokeWidth="2"
      strokeLinecap="round"
      strokeLinejoin="round"
      aria-hidden="true"
      focusable="false"
    >
      <path d="M18 8a6 6 0 0 0-12 0c0 7-3 9-3 9h18s-3-2-3-9" />
      <path d="M13.7 21a2 2 0 0 1-3.4 0" />
      {off && <path d="M3 3l18 18" />}
    </svg>
  );
}
