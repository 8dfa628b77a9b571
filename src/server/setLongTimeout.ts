/** The longest delay `setTimeout` accepts (2^31 − 1 ms, about 24.8 days); longer ones fire at once. */
const MAX_DELAY_MS = 2 ** 31 - 1;

/**
 * Calls `fn` at the wall-clock time `at` (ms), however far away: delays beyond what `setTimeout`
 * accepts are chained. Returns the function that cancels it.
 * @example const cancel = setLongTimeout(() => socket.disconnect(), identity.expiresAt)
 */
export function setLongTimeout(fn: () => void, at: number): () => void {
  let handle: ReturnType<typeof setTimeout>;
  const arm = () => {
    const left = at - Date.now();
    handle = left > MAX_DELAY_MS ? setTimeout(arm, MAX_DELAY_MS) : setTimeout(fn, Math.max(0, left));
  };
  arm();
  return () => clearTimeout(handle);
}
