/**
 * The size of an engine.io packet's data in bytes (0 when it has none): a string's length, a
 * binary's byte length.
 * @example packetBytes('2["update",{}]') // 14
 */
export function packetBytes(data: unknown): number {
  if (typeof data === 'string') return data.length;
  if (data instanceof ArrayBuffer || ArrayBuffer.isView(data)) return data.byteLength;
  return 0;
}
