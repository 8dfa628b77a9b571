/**
 * A request waiting for its answer, as `RequestDeadlines` holds it.
 * @example const waiting: WaitingRequest = { deadline: Date.now() + 10_000, fail: (why) => reject(new Error(why)) }
 */
export interface WaitingRequest {
  /** `Date.now()` by which the answer must have come. */
  readonly deadline: number;
  /** Called once, when the deadline passed (`timeout`) or the connection dropped (`lost`). */
  fail(why: 'timeout' | 'lost'): void;
}

/**
 * The deadlines of the requests a transport is waiting on, kept by one timer armed for the
 * earliest, instead of a timer made and cleared per request: on a busy connection a request is
 * answered long before its deadline, and a timer per request cost more than the rest of its
 * bookkeeping. The timer does not keep a Node process alive while nothing waits.
 * @example
 * const deadlines = new RequestDeadlines()
 * const waiting = { deadline: Date.now() + timeoutMs, fail: () => reject(new RingkitError('REQUEST_TIMEOUT', 'no answer')) }
 * deadlines.add(waiting)
 * socket.emit(name, params, (ack) => deadlines.delete(waiting) && resolve(ack))
 */
export class RequestDeadlines {
  private readonly waiting = new Set<WaitingRequest>();
  private timer: ReturnType<typeof setTimeout> | undefined;
  /** The deadline the timer is armed for (Infinity: none). */
  private timerAt = Infinity;

  /** Starts waiting on `request`; it fails with `timeout` once its deadline passes unless deleted before. */
  add(request: WaitingRequest): void {
    this.waiting.add(request);
    if (request.deadline < this.timerAt) this.arm(request.deadline, request.deadline - Date.now());
    else if (this.waiting.size === 1) ref(this.timer, true);
  }

  /** Stops waiting on `request`: true when it was still waiting (neither answered, timed out nor lost). */
  delete(request: WaitingRequest): boolean {
    if (!this.waiting.delete(request)) return false;
    if (this.waiting.size === 0) ref(this.timer, false);
    return true;
  }

  /** The connection dropped: every waiting request fails with `lost` (no answer can come on it). */
  failAll(): void {
    const all = [...this.waiting];
    this.waiting.clear();
    ref(this.timer, false);
    for (const request of all) request.fail('lost');
  }

  private arm(at: number, delay: number): void {
    if (this.timer !== undefined) clearTimeout(this.timer);
    this.timerAt = at;
    this.timer = setTimeout(this.sweep, Math.max(0, delay));
    if (this.waiting.size === 0) ref(this.timer, false);
  }

  /**
   * The timer fired: the requests due by the time it was armed for fail, and it is armed again for
   * the next deadline, counted from that time (the clock is not read again, so a wall-clock change
   * does not move a deadline already armed).
   */
  private readonly sweep = (): void => {
    const now = this.timerAt;
    this.timer = undefined;
    this.timerAt = Infinity;
    let next = Infinity;
    const due: WaitingRequest[] = [];
    for (const request of this.waiting) {
      if (request.deadline <= now) due.push(request);
      else if (request.deadline < next) next = request.deadline;
    }
    for (const request of due) this.waiting.delete(request);
    if (next !== Infinity) this.arm(next, next - now);
    for (const request of due) request.fail('timeout');
  };
}

/** Lets a Node timer keep the process alive or not (browsers' timers have no such switch). */
function ref(timer: ReturnType<typeof setTimeout> | undefined, keepAlive: boolean): void {
  const t = timer as { ref?: () => void; unref?: () => void } | undefined;
  if (keepAlive) t?.ref?.();
  else t?.unref?.();
}
