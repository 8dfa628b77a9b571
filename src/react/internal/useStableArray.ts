import { useRef } from 'react';

/** Returns the previous array while the new one holds the same items, so derived lists keep their reference. */
export function useStableArray<T>(items: readonly T[]): readonly T[] {
  const previous = useRef(items);
  const old = previous.current;
  if (old !== items && (old.length !== items.length || old.some((item, i) => item !== items[i]))) previous.current = items;
  return previous.current;
}
