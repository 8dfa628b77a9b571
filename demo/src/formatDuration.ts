/**
 * Seconds as `m:ss` (or `h:mm:ss`).
 * @example formatDuration(75) // '1:15'
 */
export function formatDuration(seconds: number): string {
  const s = String(seconds % 60).padStart(2, '0');
  const m = Math.floor(seconds / 60) % 60;
  const h = Math.floor(seconds / 3600);
  return h > 0 ? `${h}:${String(m).padStart(2, '0')}:${s}` : `${m}:${s}`;
}
