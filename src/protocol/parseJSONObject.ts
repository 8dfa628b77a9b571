/**
 * Parses a data string as a JSON object, or undefined.
 * @example parseJSONObject('{"reason":"busy"}')?.reason // 'busy'
 */
export function parseJSONObject(data: string): Record<string, unknown> | undefined {
  try {
    const value: unknown = JSON.parse(data);
    return typeof value === 'object' && value !== null && !Array.isArray(value) ? (value as Record<string, unknown>) : undefined;
  } catch {
    return undefined;
  }
}
