/** Any props object, as `mergeProps` takes it. */
type Props = Record<string, unknown>;

type UnionToIntersection<U> = (U extends unknown ? (arg: U) => void : never) extends (arg: infer I) => void ? I : never;

const isHandler = (key: string, value: unknown): value is (...args: unknown[]) => unknown =>
  /^on[A-Z]/.test(key) && typeof value === 'function';

/**
 * Merges prop bags left to right, the way a component merges its hook's props with the app's:
 * event handlers (`onX`) are chained (each one runs, in order), `className`s are joined, `style`s
 * are merged, and any other prop is taken from the last bag that sets it.
 * @example <button {...mergeProps(acceptButtonProps, { className: 'my-accept', onClick: track })}>Accept</button>
 */
export function mergeProps<T extends Props[]>(...bags: T): UnionToIntersection<T[number]> {
  const merged: Props = {};
  for (const bag of bags) {
    for (const [key, value] of Object.entries(bag)) {
      const previous = merged[key];
      if (value === undefined) {
        if (!(key in merged)) merged[key] = value;
      } else if (isHandler(key, value) && isHandler(key, previous)) {
        merged[key] = (...args: unknown[]) => {
          previous(...args);
          return value(...args);
        };
      } else if (key === 'className' && typeof previous === 'string' && typeof value === 'string') {
        merged[key] = previous && value ? `${previous} ${value}` : previous || value;
      } else if (key === 'style' && typeof previous === 'object' && previous && typeof value === 'object') {
        merged[key] = { ...previous, ...value };
      } else {
        merged[key] = value;
      }
    }
  }
  return merged as UnionToIntersection<T[number]>;
}
