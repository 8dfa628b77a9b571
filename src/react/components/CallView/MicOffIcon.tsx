import type { SVGAttributes } from 'react';

/**
 * A struck-through microphone (an image named by `label`).
 * @example <MicOffIcon label="Bob: microphone off" />
 */
export function MicOffIcon({ label, ...props }: SVGAttributes<SVGSVGElement> & { label?: string }) {
  return (
    <svg
      viewBox="0 0 24 24"
      width="1em"
      height="1em"
      fill="none"
      stroke="currentColor"
      strokeWidth="2"
      strokeLinecap="round"
      strokeLinejoin="round"
      focusable="false"
      {...(label ? { role: 'img', 'aria-label': label } : { 'aria-hidden': true })}
      {...props}
    >
      <path d="M9 9v3a3 3 0 0 0 5.1 2.1M15 9.3V5a3 3 0 0 0-5.9-.7" />
      <path d="M19 11a7 7 0 0 1-1.2 3.9M5 11a7 7 0 0 0 11.3 5.5M12 18v3" />
      <path d="M3 3l18 18" />
    </svg>
  );
}
