import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { invitationJSON, stringifyReusing } from '../../src/server/stringifyReusing.js';

/** An invitation-like object: frozen (a committed version) or not. */
const invitationArb = fc.record({ inviteID: fc.string(), version: fc.integer(), users: fc.array(fc.dictionary(fc.string(), fc.jsonValue())), extra: fc.option(fc.jsonValue(), { nil: undefined }) });

/** A value that holds `inner` somewhere in its first levels, beside any JSON, undefined, functions, dates and objects without a prototype. */
const holding = (inner: object) =>
  fc.oneof(
    fc.constant(inner),
    fc.record({ ok: fc.boolean(), result: fc.record({ inviteID: fc.string(), invitation: fc.constant(inner), errorInvitees: fc.array(fc.string()) }) }),
    fc.record({ invitation: fc.constant(inner), baseVersion: fc.option(fc.integer(), { nil: undefined }), serverTime: fc.integer() }),
    fc.dictionary(fc.string(), fc.oneof(fc.jsonValue(), fc.constant(inner), fc.constant(undefined), fc.constant(() => 1), fc.date(), fc.constant(Object.assign(Object.create(null) as object, { a: 1 })))),
    fc.array(fc.oneof(fc.constant(inner), fc.jsonValue())),
    fc.jsonValue(),
  );

describe('stringifyReusing', () => {
  it('is JSON.stringify byte for byte, whether the reused invitation is frozen, encoded before or not', () => {
    fc.assert(
      fc.property(invitationArb, fc.boolean(), fc.integer({ min: 0, max: 4 }), (inv, frozen, depth) => {
        const inner = frozen ? Object.freeze(inv) : inv;
        fc.assert(
          fc.property(holding(inner), (value) => {
            // Twice: the second one reads the remembered JSON of a frozen invitation.
            expect(stringifyReusing(value, inner, depth)).toBe(JSON.stringify(value));
            expect(stringifyReusing(value, inner, depth)).toBe(JSON.stringify(value));
          }),
          { numRuns: 20 },
        );
      }),
      { numRuns: 50 },
    );
  });

  it('keeps the JSON of frozen invitations only: a mutable object is encoded again', () => {
    const mutable = { inviteID: 'i1', users: [] as string[] };
    expect(invitationJSON(mutable)).toBe('{"inviteID":"i1","users":[]}');
    mutable.users.push('b');
    expect(invitationJSON(mutable)).toBe('{"inviteID":"i1","users":["b"]}');
    const frozen = Object.freeze({ inviteID: 'i2', users: [] });
    expect(invitationJSON(frozen)).toBe('{"inviteID":"i2","users":[]}');
    expect(stringifyReusing({ ok: true, result: { invitation: frozen } }, frozen)).toBe('{"ok":true,"result":{"invitation":{"inviteID":"i2","users":[]}}}');
  });

  it('leaves an invitation with its own toJSON to JSON.stringify', () => {
    const inv = Object.freeze({ inviteID: 'i3', toJSON: (key: string) => `as ${key}` });
    const value = { result: { invitation: inv } };
    expect(stringifyReusing(value, inv)).toBe(JSON.stringify(value));
  });
});
