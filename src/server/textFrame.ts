/** engine.io's `message` packet type, as the byte that starts its text: `4`. */
const MESSAGE_BYTE = 0x34;

/**
 * An engine.io message (`4` and `packet`) as the WebSocket frame a server writes for it (final,
 * text, unmasked, no compression: byte for byte what `ws` writes, tested) in one buffer, for
 * engine.io's `wsPreEncodedFrame` write option. engine.io then hands the frame to the socket as it
 * is: no engine.io-parser callback, no `ws` option objects, one stream write instead of a corked
 * header and payload (whose `writev` builds its arrays and write request), the text encoded once.
 * engine.io uses it only on a WebSocket without per-message compression; elsewhere it encodes
 * `packet` itself, as before.
 * @example conn.write(packet, { wsPreEncodedFrame: textFrame(packet) })
 */
export function textFrame(packet: string): Buffer[] {
  const length = Buffer.byteLength(packet) + 1;
  const head = length < 126 ? 2 : length < 65536 ? 4 : 10;
  const frame = Buffer.allocUnsafe(head + length);
  frame[0] = 0x81; // final fragment, text
  if (head === 2) frame[1] = length;
  else if (head === 4) {
    frame[1] = 126;
    frame.writeUInt16BE(length, 2);
  } else {
    frame[1] = 127;
    frame.writeUInt32BE(Math.floor(length / 2 ** 32), 2);
    frame.writeUInt32BE(length >>> 0, 6);
  }
  frame[head] = MESSAGE_BYTE;
  frame.write(packet, head + 1, 'utf8');
  return [frame];
}
