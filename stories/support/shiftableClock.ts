import type { Clock } from '../../src/engine/index.js';

/**
 * The real clock plus an offset the story moves, for an in-page engine whose records should look
 * older ("yesterday") or longer (a 3-minute call) than the story takes. Timers still run in real
 * time, so timeouts keep working.
 * @example const time = shiftableClock(); await loopbackUsers(['a', 'b'], {}, {}, time.clock); time.shift(-86_400_000)
 */
export function shiftableClock() {
  let offset = 0;
  const clock: Clock = {
    now: () => Date.now() + offset,
    setTimeout: (fn, ms) => setTimeout(fn, ms),
    clearTimeout: (handle) => clearTimeout(handle as ReturnType<typeof setTimeout>),
  };
  return {
    clock,
    /** Moves the engine's time by `ms` (negative: into the past). */
    shift(ms: number) {
      offset += ms;
    },
    /** Back to real time. */
    reset() {
      offset = 0;
    },
  };
}
