/**
 * A first-in first-out queue on an array with a moving head, compacted now and then. The memory
 * storage used Maps in insertion order as queues, but V8 keeps a deleted Map entry's slot until
 * the table is rebuilt, so reading the oldest entry after many deletions from the front walks
 * over thousands of empty slots: about 4 µs per commit of a busy server, measured.
 */
export class Fifo<T> {
  private items: T[] = [];
  private head = 0;

  /** How many items are queued. */
  get size(): number {
    return this.items.length - this.head;
  }

  peek(): T | undefined {
    return this.items[this.head];
  }

  /** The item `i` places from the oldest. */
  at(i: number): T | undefined {
    return this.items[this.head + i];
  }

  /** The items from `from` to `end` (places from the oldest), as an array. */
  slice(from: number, end: number): T[] {
    return this.items.slice(this.head + from, this.head + end);
  }

  push(item: T): void {
    this.items.push(item);
  }

  shift(): T | undefined {
    const item = this.items[this.head];
    if (item === undefined) return undefined;
    this.drop(1);
    return item;
  }

  /** Forgets the `n` oldest items. */
  drop(n: number): void {
    const items = this.items;
    for (let i = 0; i < n; i++) items[this.head++] = undefined as T;
    if (this.head >= 64 && this.head * 2 >= items.length) {
      this.items = items.slice(this.head);
      this.head = 0;
    }
  }
}

/**
 * Where the up to `count + 1` newest entries with `seq < before` (all when `before` is 0) are in a
 * list kept in ascending `seq` order: `[from, end)`, places from the oldest; a binary search keeps
 * paging cheap on long lists.
 */
export function newestBefore<T>(list: Fifo<T>, seqOf: (entry: T) => number, before: number, count: number): [from: number, end: number] {
  let end = list.size;
  if (before !== 0) {
    let lo = 0;
    while (lo < end) {
      const mid = (lo + end) >> 1;
      if (seqOf(list.at(mid)!) < before) lo = mid + 1;
      else end = mid;
    }
  }
  return [Math.max(0, end - count - 1), end];
}
