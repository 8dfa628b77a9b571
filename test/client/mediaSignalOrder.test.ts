import { describe, expect, it } from 'vitest';
import { SignalingClient, type Transport, type TransportListener } from '../../src/index.js';
import type { CallUser } from '../../src/protocol/types.js';
import type { SyncResult } from '../../src/protocol/wire.js';
import { invitationFixture } from '../support/invitationFixture.js';

const bobAccepted: CallUser = { userID: 'bob', state: 'accepted', data: '', updateTime: 2000, deviceID: 'phone', timeout: 30, version: 6 };
const call = invitationFixture({ mode: 'advanced', version: 6, users: [bobAccepted] });

describe('a media signal and the updates before it', () => {
  it("is handed to the app only after an update that arrived before it, even when that update first needs a fetch", async () => {
    let listener: TransportListener | undefined;
    let answerFetch: (() => void) | undefined;
    const transport: Transport = {
      open: (l) => void setTimeout(() => ((listener = l), l.onOpen())),
      close: () => undefined,
      request: (async (name: string) => {
        if (name === 'session:sync') return { ok: true, result: { userID: 'alice', deviceID: 'desk', serverTime: Date.now(), updates: [], unknown: [], detached: [] } satisfies SyncResult };
        // The mirror cannot apply the delta below: it fetches the snapshot, which comes back late.
        if (name === 'invitation:get') return new Promise<unknown>((resolve) => (answerFetch = () => resolve({ ok: true, result: { invitation: call, serverTime: Date.now() } })));
        return { ok: true, result: {} };
      }) as Transport['request'],
    };
    const client = new SignalingClient({ transport, deviceID: 'desk', userID: 'alice' });
    await client.connect();

    const seen: string[] = [];
    client.on('invitationUpdated', () => seen.push('updated'));
    client.on('mediaSignal', (e) => seen.push(`signal from ${e.from}; bob in the mirror: ${client.getInvitation(e.inviteID)?.users[0]?.state ?? 'absent'}`));
    listener!.onUpdate({ invitation: call, baseVersion: 5, serverTime: Date.now() });
    listener!.onMediaSignal!({ inviteID: call.inviteID, from: 'bob', fromDeviceID: 'phone', signal: '{"type":"offer"}' });
    await new Promise((r) => setTimeout(r, 20));
    expect(seen).toEqual([]); // nothing yet: the signal waits behind the update's fetch
    answerFetch!();
    await expect.poll(() => seen.length).toBe(2);
    expect(seen).toEqual(['updated', 'signal from bob; bob in the mirror: accepted']);
    client.disconnect();
  });
});
