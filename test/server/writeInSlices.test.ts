import { describe, expect, it } from 'vitest';
import * as ws from 'ws';

/** ws's frame builder (untyped in @types/ws), as socket.io's adapter calls it for a pre-encoded broadcast. */
const { Sender } = ws as unknown as { Sender: { frame(data: Buffer, options: Record<string, unknown>): Buffer[] } };
import { joinFrame, writeInSlices } from '../../src/server/createUpdateEmitter.js';

/** A fake clock that each write advances by `costMs`, and a nextTurn that records where each turn began. */
function harness(costMs: number) {
  let clock = 0;
  const turns: number[][] = [[]];
  const write = (item: number) => {
    turns[turns.length - 1]!.push(item);
    clock += costMs;
  };
  const nextTurn = async () => {
    turns.push([]);
  };
  return { turns, write, now: () => clock, nextTurn };
}

describe('writeInSlices: a large audience is written a slice at a time, each slice bounded by a count and a time budget', () => {
  it('slow writes (0.3 ms each, budget 1 ms) end a slice after 4 writes, well before the count of 100', async () => {
    const h = harness(0.3);
    const items = Array.from({ length: 10 }, (_, i) => i);
    await writeInSlices(items, h.write, { perSlice: 100, budgetMs: 1, now: h.now, nextTurn: h.nextTurn });
    expect(h.turns.map((t) => t.length)).toEqual([4, 4, 2]);
    expect(h.turns.flat()).toEqual(items);
  });

  it('fast writes stop at the count; a write slower than the whole budget still writes one device per turn', async () => {
    const fast = harness(0.001);
    await writeInSlices(Array.from({ length: 250 }, (_, i) => i), fast.write, { perSlice: 100, budgetMs: 1, now: fast.now, nextTurn: fast.nextTurn });
    expect(fast.turns.map((t) => t.length)).toEqual([100, 100, 50]);
    const slow = harness(5);
    await writeInSlices([1, 2, 3], slow.write, { perSlice: 100, budgetMs: 1, now: slow.now, nextTurn: slow.nextTurn });
    expect(slow.turns).toEqual([[1], [2], [3]]);
  });

  it('the first slice is written before the call returns; the rest only after the next turn', async () => {
    const h = harness(0.5);
    let release: () => void = () => undefined;
    const done = writeInSlices([1, 2, 3, 4, 5], h.write, { perSlice: 100, budgetMs: 1, now: h.now, nextTurn: () => new Promise<void>((r) => ((release = r), h.turns.push([]))) });
    expect(h.turns).toEqual([[1, 2], []]);
    release();
    await new Promise((r) => setTimeout(r, 0));
    release();
    await done;
    expect(h.turns).toEqual([[1, 2], [3, 4], [5]]);
  });
});

describe('joinFrame: a broadcast\'s pre-encoded WebSocket frame as one buffer, so each socket gets one plain write', () => {
  it('joins ws\'s header and payload into one buffer with the same bytes, once', () => {
    const frame = Sender.frame(Buffer.from('42["update",{}]'), { readOnly: false, mask: false, rsv1: false, opcode: 1, fin: true });
    expect(frame).toHaveLength(2);
    const joined = joinFrame(frame) as Buffer[];
    expect(joined).toHaveLength(1);
    expect(joined[0]!.equals(Buffer.concat(frame))).toBe(true);
  });

  it('leaves anything else as it is (no frame, one buffer, not buffers)', () => {
    const one = [Buffer.from('x')];
    expect(joinFrame(undefined)).toBeUndefined();
    expect(joinFrame(one)).toBe(one);
    const strings = ['a', 'b'];
    expect(joinFrame(strings)).toBe(strings);
  });
});
