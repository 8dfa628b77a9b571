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

  emit<K extends keyof Events>(name: K, event: Events[K]): void {
    for (const handler of [...(this.handlers.get(name) ?? [])]) {
      try {
        (handler as (event: Events[K]) => void)(event);
      } catch (error) {
        queueMicrotask(() => {
          throw error;
        });
      }
    }
  }
}
