import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { requestFingerprint } from '../../src/engine/requestFingerprint.js';
import { encodeOutcome, fingerprintOf, outcomeForCommit, packRequest, type RequestOutcomeSlot } from '../../src/engine/requestOutcomes.js';

/** A stored outcome keeps the request packed (`packRequest`) and hashes it only when a retry compares fingerprints. */
describe('a request packed for its fingerprint', () => {
  it('hashes to the fingerprint of the request itself, for any JSON payload', () => {
    fc.assert(
      fc.property(fc.string(), fc.jsonValue(), (name, payload) => {
        expect(fingerprintOf(packRequest(name, payload))).toBe(requestFingerprint(name, payload));
      }),
    );
    fc.assert(
      fc.property(fc.dictionary(fc.string(), fc.jsonValue()), (payload) => {
        expect(fingerprintOf(packRequest('invitation:invite', payload))).toBe(requestFingerprint('invitation:invite', payload));
      }),
    );
  });

  it('keeps what JSON drops out of the fingerprint alike (undefined values, key order, the requestID)', () => {
    const packed = packRequest('invitation:accept', { requestID: 'r1', data: undefined, inviteID: 'i1' });
    expect(fingerprintOf(packed)).toBe(requestFingerprint('invitation:accept', { inviteID: 'i1', requestID: 'r2' }));
    expect(fingerprintOf(packed)).not.toBe(requestFingerprint('invitation:reject', { inviteID: 'i1' }));
  });

  it('is the hash itself for a payload JSON cannot encode', () => {
    const payload = { n: 1n };
    expect(packRequest('invitation:invite', payload)).toBe(requestFingerprint('invitation:invite', payload));
    expect(fingerprintOf(packRequest('invitation:invite', payload))).toBe(requestFingerprint('invitation:invite', payload));
  });

  it('leaves a kept commit outcome encoded exactly as before it was kept', () => {
    const payload = { invitees: ['bob'], timeout: 30, requestID: 'r1' };
    let hashed = 0;
    const slot: RequestOutcomeSlot = {
      key: 'alice\u0000r1',
      committed: false,
      get fingerprint() {
        hashed++;
        return requestFingerprint('invitation:invite', payload);
      },
      packedFingerprint: () => packRequest('invitation:invite', payload),
    };
    const result = { inviteID: 'i1', errorInvitees: [] };
    const outcome = outcomeForCommit(slot, result);
    const expected = encodeOutcome({ ok: true, result }, requestFingerprint('invitation:invite', payload));
    const kept = outcome.keep!(1000);
    expect(hashed).toBe(0);
    expect(kept.expires).toBe(1000);
    expect(kept.key).toBe(slot.key);
    expect(kept.outcome).toBe(expected);
    expect(outcome.outcome).toBe(expected);
  });
});
