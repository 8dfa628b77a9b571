import { afterEach, describe, expect, it } from 'vitest';
import { createLoopbackTransport, createSignalingClient, type SignalingClient } from '../../src/index.js';
import { createLoopbackServer } from '../../src/engine/createLoopbackServer.js';
import { createMemoryGroupDirectory } from '../../src/engine/memory/createMemoryGroupDirectory.js';
import { createMemoryStorage } from '../../src/engine/memory/createMemoryStorage.js';
import { createRingkitStore, deriveRaiseHandView, raiseHandCommands, selectClassroom, type RingkitStore } from '../../src/store/index.js';
import { until } from '../support/harness.js';

const open: { server: ReturnType<typeof createLoopbackServer>; clients: SignalingClient[]; stores: RingkitStore[] }[] = [];
afterEach(() => {
  for (const { server, clients, stores } of open.splice(0)) {
    stores.forEach((s) => s.destroy());
    clients.forEach((c) => c.disconnect());
    server.close();
  }
});

describe('the classroom without React (deriveRaiseHandView and raiseHandCommands over the store)', () => {
  it('asks, sees hands in order, invites the first to speak, and lowers them all', async () => {
    const groups = createMemoryGroupDirectory();
    await groups.createGroup('class', ['teacher', 's1', 's2']);
    const server = createLoopbackServer({ storage: createMemoryStorage(), groups });
    const [teacher, s1, s2] = ['teacher', 's1', 's2'].map((userID) => createSignalingClient({ transport: createLoopbackTransport(server, { userID }), userID })) as [SignalingClient, SignalingClient, SignalingClient];
    await Promise.all([teacher, s1, s2].map((c) => c.connect()));
    const stores = [teacher, s1, s2].map((c) => createRingkitStore(c));
    open.push({ server, clients: [teacher, s1, s2], stores });
    const view = (i: number) => deriveRaiseHandView(selectClassroom(stores[i]!.getState(), 'class'), stores[i]!.getState().userID);

    const round = await raiseHandCommands.ask(teacher, 'class', { prompt: 'Who knows?' });
    await until(() => view(1).asked && view(2).asked, 5000, 'both students are asked');
    expect(view(0)).toMatchObject({ role: 'teacher', open: true, prompt: 'Who knows?', raisedHands: [] });
    await s2.accept(round.inviteID);
    await s1.accept(round.inviteID);
    await until(() => view(0).raisedHands.length === 2, 5000, 'two hands up');
    expect(view(0).raisedHands.map((u) => u.userID)).toEqual(['s2', 's1']);
    expect(view(1)).toMatchObject({ handRaised: true, position: 2 });
    expect(view(0).nextToSpeak).toBe('s2');

    await raiseHandCommands.inviteToSpeak(teacher, 'class', round.inviteID, 's2');
    await until(() => view(2).invitedToSpeak, 5000, 's2 is invited to speak');
    expect(view(1).speaker).toBe('s2');
    expect(view(0).nextToSpeak).toBe('s1');

    await raiseHandCommands.lower(teacher, 'class', round.inviteID, ['s1', 's2']);
    await until(() => view(1).closed && view(2).closed, 5000, 'every student sees the hands lowered');
    expect(view(0).raisedHands).toEqual([]);
  });
});
