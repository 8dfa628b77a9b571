/** A monotonic clock in ms (`performance.now`), injectable for tests. */
type Now = () => number;

/** Schedules `fn` after the I/O ready now has been handled (`setImmediate`), injectable for tests. */
type Later = (fn: () => void) => void;

/**
 * Longest the commands read in one event-loop turn run before a class's commands wait (ms). A
 * class of 1,000 answers at once: one poll of the sockets read 500–600 accepts back to back, and
 * running each as it was read (its rate check, schema, stored outcome, handler) held the loop
 * 15–30 ms while an unrelated call's invite, read in the same poll, waited its turn.
 */
const INBOUND_BUDGET_MS = 2;

/**
 * Runs the commands devices send, in the order each connection sent them, with a class's commands
 * (`heavy`) deferred once the turn has spent `budgetMs` since its first class command; the
 * deferred ones run in the next turns, about `budgetMs` of them a turn (their cost measured with
 * the work they start), after the I/O read meanwhile. Other commands (a 1v1 call's) run as they
 * are read, unless their connection has commands waiting (a connection's commands never overtake
 * one another).
 * @example
 * const inbound = createInboundScheduler()
 * socket.onAny((name, payload, ack) => inbound.submit(socket.id, isClassWork(payload), () => engine.execute(...)))
 * socket.on('disconnect', () => { inbound.flush(socket.id); engine.disconnect(session) })
 */
export function createInboundScheduler(options: { budgetMs?: number; now?: Now; later?: Later } = {}) {
  const budgetMs = options.budgetMs ?? INBOUND_BUDGET_MS;
  const now = options.now ?? (() => performance.now());
  const later = options.later ?? ((fn) => void setImmediate(fn));
  /** When the class commands of the current turn began running (undefined: none ran yet this turn). */
  let turnStart: number | undefined;
  const deferred: { connectionID: string; run: () => void }[] = [];
  /** connectionID → how many of its commands are deferred. */
  const waiting = new Map<string, number>();
  let draining = false;
  /** How many deferred commands one turn runs; adapted to their measured cost. */
  let perTurn = 8;

  const take = (item: { connectionID: string; run: () => void }) => {
    const left = (waiting.get(item.connectionID) ?? 1) - 1;
    if (left > 0) waiting.set(item.connectionID, left);
    else waiting.delete(item.connectionID);
    item.run();
  };

  /**
   * Runs up to `perTurn` deferred commands in the next turn, and measures them with the work they
   * started: the measuring callback is queued right behind, so it runs once their microtasks have.
   */
  const drainNextTurn = () => {
    let started = 0;
    let count = 0;
    later(() => {
      started = now();
      count = Math.min(perTurn, deferred.length);
      for (let i = 0; i < count; i++) take(deferred.shift()!);
    });
    later(() => {
      const spent = Math.max(0.001, now() - started);
      perTurn = Math.max(1, Math.min(256, Math.floor((Math.max(1, count) * budgetMs) / spent)));
      if (deferred.length > 0) drainNextTurn();
      else draining = false;
    });
  };

  return {
    /** Runs `run` now, or defers it (see above). `heavy`: the command concerns a class (a wide invitation). */
    submit(connectionID: string, heavy: boolean, run: () => void): void {
      const queued = waiting.has(connectionID);
      if (!heavy && !queued) return run();
      if (!queued) {
        // The turn's budget runs from its first class command on.
        const t = now();
        if (turnStart === undefined) {
          turnStart = t;
          later(() => (turnStart = undefined));
        }
        if (t - turnStart < budgetMs) return run();
      }
      waiting.set(connectionID, (waiting.get(connectionID) ?? 0) + 1);
      deferred.push({ connectionID, run });
      if (!draining) {
        draining = true;
        drainNextTurn();
      }
    },
    /** Runs a connection's deferred commands now (before its disconnect is handled). */
    flush(connectionID: string): void {
      if (!waiting.has(connectionID)) return;
      const mine = deferred.filter((item) => item.connectionID === connectionID);
      for (let i = deferred.length - 1; i >= 0; i--) if (deferred[i]!.connectionID === connectionID) deferred.splice(i, 1);
      for (const item of mine) take(item);
    },
    /** How many commands wait. */
    get size(): number {
      return deferred.length;
    },
  };
}
