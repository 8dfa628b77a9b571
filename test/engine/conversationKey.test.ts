import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { conversationKey } from '../../src/engine/storage.js';

describe('conversationKey', () => {
  it('names a one-to-one conversation the same from both sides, the two IDs in sort order', () => {
    expect(conversationKey({ type: 'c2c', userID: 'bob' }, 'alice')).toBe('c2c:alice|bob');
    expect(conversationKey({ type: 'c2c', userID: 'alice' }, 'bob')).toBe('c2c:alice|bob');
    expect(conversationKey({ type: 'c2c', userID: 'ann' }, 'ann')).toBe('c2c:ann|ann');
    expect(conversationKey({ type: 'group', groupID: 'class-1' }, 'alice')).toBe('group:class-1');
  });

  it('orders the IDs exactly as Array.prototype.sort does (UTF-16 code units), non-ASCII and astral IDs included', () => {
    fc.assert(
      fc.property(fc.string({ unit: 'binary' }), fc.string({ unit: 'binary' }), (self, other) => {
        const [a, b] = [self, other].sort();
        expect(conversationKey({ type: 'c2c', userID: other }, self)).toBe(`c2c:${a}|${b}`);
      }),
      { numRuns: 2000 },
    );
  });
});
