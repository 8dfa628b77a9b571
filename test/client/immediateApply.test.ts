import { describe, expect, it } from 'vitest';
import type { CallUser, Invitation } from '../../src/protocol/types.js';
import { Emitter } from '../../src/client/Emitter.js';
import { APPLIED, InvitationMirror } from '../../src/client/InvitationMirror.js';
import type { Transport } from '../../src/client/Transport.js';
import type { ClientEventMap } from '../../src/protocol/events.js';

const bob = (state: CallUser['state'], version: number): CallUser => ({ userID: 'bob', state, data: '', updateTime: 1000 + version, timeout: 30, version });
const invitation = (inviteID: string, user: CallUser, state: Invitation['state'] = 'active'): Invitation => ({
  inviteID, inviter: 'alice', inviterDeviceID: 'a1', state, mode: 'normal', data: '', timeout: 30, createTime: 1000, version: user.version,
  onlineUserOnly: false, enableNotReceivedCheck: false, users: [user],
});

/** A mirror of bob's device whose fetches (`invitation:get`) wait until `answerFetch` is called. */
function bobsMirror() {
  let answerFetch: ((inv: Invitation) => void) | undefined;
  const transport = {
    open() {},
    close() {},
    request: (name: string) =>
      name === 'invitation:get' ? new Promise((resolve) => (answerFetch = (inv) => resolve({ ok: true, result: { invitation: inv, serverTime: 1000 } }))) : Promise.resolve({ ok: true, result: {} }),
    notify: () => true,
  } as unknown as Transport;
  const emitter = new Emitter<ClientEventMap>();
  const mirror = new InvitationMirror({ transport, emitter, requestTimeoutMs: 60_000, identity: () => ({ userID: 'bob', deviceID: 'b1' }) });
  return { mirror, emitter, answerFetch: (inv: Invitation) => answerFetch!(inv) };
}

describe('the mirror applies an update at once when nothing is queued before it', () => {
  it('an update reaching an idle mirror is in the mirror and its events emitted before apply returns', () => {
    const { mirror, emitter } = bobsMirror();
    const heard: string[] = [];
    emitter.on('invitationReceived', (e) => heard.push(`rang ${e.inviteID}`));
    const applying = mirror.apply({ invitation: invitation('i1', bob('inviting', 1)), serverTime: 1001 }, 'push');
    expect(applying).toBe(APPLIED);
    expect(heard).toEqual(['rang i1']);
    expect(mirror.get('i1')?.version).toBe(1);
  });

  it('an update brought by an event handler waits until the events of the one being applied are all out', async () => {
    const { mirror, emitter } = bobsMirror();
    const heard: string[] = [];
    emitter.on('invitationReceived', (e) => {
      heard.push(`first handler: ${e.inviteID}`);
      if (e.inviteID === 'i1') void mirror.apply({ invitation: invitation('i2', bob('inviting', 1)), serverTime: 1001 }, 'push');
    });
    emitter.on('invitationReceived', (e) => heard.push(`second handler: ${e.inviteID}`));
    mirror.apply({ invitation: invitation('i1', bob('inviting', 1)), serverTime: 1001 }, 'push');
    expect(heard).toEqual(['first handler: i1', 'second handler: i1']);
    await Promise.resolve();
    await Promise.resolve();
    expect(heard).toEqual(['first handler: i1', 'second handler: i1', 'first handler: i2', 'second handler: i2']);
  });

  it('while an update waits for a fetch, later ones queue behind it; once the queue is empty they apply at once again', async () => {
    const { mirror, emitter, answerFetch } = bobsMirror();
    const heard: string[] = [];
    emitter.on('invitationUpdated', (e) => heard.push(`${e.inviteID} v${e.version}`));
    // A delta on a version the mirror lacks: it fetches the invitation.
    const fetching = mirror.apply({ invitation: { ...invitation('i1', bob('received', 2)), users: [bob('received', 2)] }, baseVersion: 1, serverTime: 1002 }, 'push');
    const queued = mirror.apply({ invitation: invitation('i2', bob('inviting', 1)), serverTime: 1002 }, 'push');
    expect(queued).not.toBe(APPLIED);
    await new Promise((r) => setTimeout(r, 10));
    expect(heard).toEqual([]);
    answerFetch(invitation('i1', bob('received', 2)));
    await Promise.all([fetching, queued]);
    expect(heard).toEqual(['i1 v2', 'i2 v1']);
    await new Promise((r) => setTimeout(r, 0));
    expect(mirror.apply({ invitation: invitation('i3', bob('inviting', 1)), serverTime: 1003 }, 'push')).toBe(APPLIED);
    expect(heard).toEqual(['i1 v2', 'i2 v1', 'i3 v1']);
  });

  it('a throwing handler neither stops the other handlers nor makes apply throw', async () => {
    const { mirror, emitter } = bobsMirror();
    const heard: string[] = [];
    const thrown: unknown[] = [];
    const onError = (e: unknown) => thrown.push(e);
    process.on('uncaughtException', onError);
    try {
      emitter.on('invitationReceived', () => {
        throw new Error('app bug');
      });
      emitter.on('invitationReceived', (e) => heard.push(e.inviteID));
      expect(() => mirror.apply({ invitation: invitation('i1', bob('inviting', 1)), serverTime: 1001 }, 'push')).not.toThrow();
      expect(heard).toEqual(['i1']);
      await new Promise((r) => setTimeout(r, 0));
      expect(thrown).toHaveLength(1); // reported, in a microtask of its own
    } finally {
      process.off('uncaughtException', onError);
    }
  });
});
