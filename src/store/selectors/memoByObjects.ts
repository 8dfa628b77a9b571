/**
 * Memoizes a derivation on the identity of two objects (weakly held): the same inputs give the
 * same output reference, which is what zustand v5 selectors need.
 * @example const select = memoByObjects((invitations: object, parts: object) => compute(invitations, parts))
 */
export function memoByObjects<A extends object, B extends object, R>(compute: (a: A, b: B) => R): (a: A, b: B) => R {
  const cache = new WeakMap<A, WeakMap<B, { value: R }>>();
  return (a, b) => {
    let inner = cache.get(a);
    if (!inner) cache.set(a, (inner = new WeakMap()));
    const hit = inner.get(b);
    if (hit) return hit.value;
    const value = compute(a, b);
    inner.set(b, { value });
    return value;
  };
}
