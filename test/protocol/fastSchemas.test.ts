import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { CommandName } from '../../src/protocol/commands.js';
import { fastPayload } from '../../src/protocol/fastSchemas.js';
import { commandSchemas } from '../../src/protocol/schemas.js';

/** The fast check never accepts what the schema refuses, and what it accepts equals the schema's output. */
function agrees(name: CommandName, payload: unknown): void {
  const fast = fastPayload(name, payload);
  if (fast === undefined) return;
  const parsed = commandSchemas[name].safeParse(payload);
  expect(parsed.success, JSON.stringify(payload)).toBe(true);
  expect(fast).toEqual(parsed.data);
}

const id = fc.oneof(
  fc.string({ minLength: 0, maxLength: 70 }),
  fc.constantFrom('bob', ' bob', 'bob ', 'b\u0000b', 'bö', '\u202ebob', 'a'.repeat(64), 'a'.repeat(65), '', 'x y'),
);
const anyValue = fc.oneof(fc.string(), fc.integer(), fc.double(), fc.boolean(), fc.constant(null), fc.constant(undefined), fc.array(fc.string(), { maxLength: 2 }), fc.object());

describe('fast payload checks of the hot commands', () => {
  it('accept the payloads ringkit’s client sends, as they are', () => {
    const invite = { invitees: ['bob'], timeout: 60, requestID: crypto.randomUUID() };
    expect(fastPayload('invitation:invite', invite)).toBe(invite);
    const full = { invitees: ['bob', 'carol'], timeout: 0, data: '{"room":"r1"}', mode: 'advanced', onlineUserOnly: false, enableNotReceivedCheck: true, busyPolicy: 'reject', requestID: 'r1' };
    expect(fastPayload('invitation:invite', full)).toBe(full);
    for (const name of ['invitation:accept', 'invitation:reject', 'invitation:join', 'invitation:quit', 'invitation:end'] as const) {
      const answer = { inviteID: 'AbC-_09', data: 'ok', requestID: 'r2' };
      expect(fastPayload(name, answer)).toBe(answer);
    }
    expect(fastPayload('invitation:received', { inviteID: 'x1' })).toEqual({ inviteID: 'x1' });
  });

  it('leave every doubtful payload to the schema (which gives the error)', () => {
    const doubtful: [CommandName, unknown][] = [
      ['invitation:invite', { invitees: [] }],
      ['invitation:invite', { invitees: ['bob'], extra: 1 }],
      ['invitation:invite', { invitees: ['bob'], timeout: 1.5 }],
      ['invitation:invite', { invitees: ['bob'], offlinePushInfo: { desc: 'call' } }],
      ['invitation:invite', { invitees: ['bøb'] }],
      ['invitation:invite', { invitees: [' bob'] }],
      ['invitation:invite', { invitees: ['bob'], requestID: '' }],
      ['invitation:invite', { invitees: ['bob'], mode: 'loud' }],
      ['invitation:invite', ['bob']],
      ['invitation:invite', null],
      ['invitation:accept', { inviteID: 'a b' }],
      ['invitation:accept', {}],
      ['invitation:accept', { inviteID: 'x', data: 5 }],
      ['invitation:accept', { inviteID: 'x', requestID: 'r'.repeat(65) }],
      ['invitation:modify', { inviteID: 'x', data: 'd' }],
      ['invitation:accept', JSON.parse('{"__proto__": {"polluted": true}, "inviteID": "x"}')],
      ['invitation:accept', { inviteID: 'x', constructor: 'y' }],
    ];
    for (const [name, payload] of doubtful) {
      expect(fastPayload(name, payload), JSON.stringify(payload)).toBeUndefined();
    }
  });

  it('agree with the schemas on generated payloads', () => {
    const names = ['invitation:invite', 'invitation:accept', 'invitation:reject', 'invitation:end', 'invitation:received'] as const;
    fc.assert(
      fc.property(
        fc.constantFrom(...names),
        fc.record(
          {
            invitees: fc.oneof(fc.array(id, { minLength: 0, maxLength: 3 }), anyValue),
            inviteID: fc.oneof(fc.stringMatching(/^[A-Za-z0-9_-]{0,66}$/), anyValue),
            requestID: fc.oneof(fc.string({ maxLength: 66 }), anyValue),
            data: anyValue,
            timeout: fc.oneof(fc.integer(), fc.double(), anyValue),
            mode: fc.oneof(fc.constantFrom('normal', 'advanced', 'x'), anyValue),
            onlineUserOnly: anyValue,
            enableNotReceivedCheck: anyValue,
            busyPolicy: fc.oneof(fc.constantFrom('ring', 'reject', 'x'), anyValue),
            other: anyValue,
          },
          { requiredKeys: [] },
        ),
        (name, payload) => agrees(name, payload),
      ),
      { numRuns: 3000 },
    );
  });
});
