import * as ws from 'ws';
import { describe, expect, it } from 'vitest';
import { textFrame } from '../../src/server/textFrame.js';

/** What socket.io's adapter builds for a broadcast (`ws`' Sender.frame of `4` + the packet), joined. */
const wsFrame = (packet: string) =>
  Buffer.concat((ws as unknown as { Sender: { frame(data: Buffer, options: object): Buffer[] } }).Sender.frame(Buffer.from(`4${packet}`), { readOnly: false, mask: false, rsv1: false, opcode: 1, fin: true }));

describe('textFrame', () => {
  it('is the frame ws writes for an engine.io message, byte for byte, at every length class', () => {
    const packets = ['', '3', '2["invitation:update",{"a":"✓ é 😀"}]', ...[123, 124, 125, 126, 65533, 65534, 65535, 70000].map((n) => 'x'.repeat(n)), `31[${'"é"'.repeat(30000)}]`];
    for (const packet of packets) {
      const [frame] = textFrame(packet);
      expect(textFrame(packet)).toHaveLength(1);
      expect(frame!.equals(wsFrame(packet)), `length ${packet.length}`).toBe(true);
    }
  });
});
