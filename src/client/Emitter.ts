/**
 * A small typed event emitter; a throwing handler never stops the others.
 * @example const e = new Emitter<{ ping: number }>(); e.on('ping', (n) => console.log(n)); e.emit('ping', 1)
 */
export class Emitter<Events extends object> {
  private readonly handlers = new Map<keyof Events, Set<(event: never) => void>>();

  on<K extends keyof Events>(name: K, handler: (event: Events[K]) => void): () => void {
    let set = this.handlers.get(name);
    if (!set) this.handlers.set(name, (set = new Set()));
    set.add(handler as (event: never) => void);
    return () => this.off(name, handler);
  }

  off<K extends keyof Events>(name: K, handler: (event: Events[K]) => void): void {
    this.handlers.get(name)?.delete(handler as (event: never) => void);
  }

  /** Whether anyone listens to `name` (so a costly payload nobody reads need not be built). */
  has(name: keyof Events): boolean {
    return (this.handlers.get(name)?.size ?? 0) > 0;
  }

  /** Calls the handlers of `name` subscribed when it starts (one added meanwhile waits for the next event). */
  emit<K extends keyof Events>(name: K, event: Events[K]): void {
    const set = this.handlers.get(name);
    if (!set || set.size === 0) return;
    // One handler (the common case) needs no copy of the set to be safe from its own changes.
    if (set.size === 1) for (const handler of set) return this.call(handler, event);
    for (const handler of [...set]) this.call(handler, event);
  }

  private call<E>(handler: (event: never) => void, event: E): void {
    try {
      (handler as (event: E) => void)(event);
    } catch (error) {
      queueMicrotask(() => {
        throw error;
      });
    }
  }
}
