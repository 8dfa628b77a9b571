import { createServer, type IncomingHttpHeaders } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterEach, describe, expect, it } from 'vitest';
import type { OfflinePush } from '../../src/server/index.js';
import { connectClient, startServer, until } from '../support/harness.js';

interface Received {
  method: string;
  headers: IncomingHttpHeaders;
  body: OfflinePush;
}

const receivers: (() => Promise<void>)[] = [];
afterEach(async () => {
  for (const close of receivers.splice(0)) await close();
});

/** A local HTTP endpoint standing in for a push service bridge. */
async function startReceiver(status = 200) {
  const received: Received[] = [];
  const http = createServer((req, res) => {
    let raw = '';
    req.on('data', (chunk: Buffer) => (raw += chunk.toString()));
    req.on('end', () => {
      received.push({ method: req.method ?? '', headers: req.headers, body: JSON.parse(raw) as OfflinePush });
      res.writeHead(status).end();
    });
  });
  await new Promise<void>((resolve) => http.listen(0, '127.0.0.1', resolve));
  receivers.push(() => new Promise<void>((resolve) => {
    http.close(() => resolve());
    http.closeAllConnections();
  }));
  const { port } = http.address() as AddressInfo;
  return { url: `http://127.0.0.1:${port}/push`, received };
}

describe('offline push through the webhook notifier', () => {
  it('an offline invitee is pushed with the invitation and its offlinePushInfo; an online one is not', async () => {
    const receiver = await startReceiver();
    const server = await startServer({ webhookUrl: receiver.url });
    const alice = await connectClient(server, 'alice');
    const carol = await connectClient(server, 'carol');

    const offlinePushInfo = { title: 'Alice', desc: 'Incoming video call', payload: '{"deeplink":"app://call"}', sound: 'ring.caf' };
    const { inviteID } = await alice.invite(['bob', 'carol'], { timeout: 30, data: 'video', offlinePushInfo });
    await carol.next('invitationReceived', (e) => e.inviteID === inviteID);
    await until(() => receiver.received.length >= 1, 5000, 'a push for bob');

    const push = receiver.received[0]!;
    expect(push.method).toBe('POST');
    expect(push.headers['content-type']).toMatch(/application\/json/);
    expect(push.body).toMatchObject({ userID: 'bob', inviteID, inviter: 'alice', data: 'video', timeout: 30, offlinePushInfo });

    // A later push proves any push for carol would have arrived by now.
    const { inviteID: second } = await alice.invite('dave', { timeout: 30, offlinePushInfo: { desc: 'Call' } });
    await until(() => receiver.received.some((r) => r.body.inviteID === second), 5000, 'a push for dave');
    expect(receiver.received.map((r) => r.body.userID).sort()).toEqual(['bob', 'dave']);
    expect(receiver.received.find((r) => r.body.userID === 'dave')?.body.offlinePushInfo).toEqual({ desc: 'Call' });
  });

  it('no offlinePushInfo, or onlineUserOnly, means no push', async () => {
    const receiver = await startReceiver();
    const server = await startServer({ webhookUrl: receiver.url });
    const alice = await connectClient(server, 'alice');

    await alice.invite('bob', { timeout: 30 });
    await alice.invite('bob', { timeout: 30, onlineUserOnly: true, offlinePushInfo: { title: 'x', desc: 'y' } });
    const { inviteID: marker } = await alice.invite('erin', { timeout: 30, offlinePushInfo: { desc: 'marker' } });
    await until(() => receiver.received.some((r) => r.body.inviteID === marker), 5000, 'the marker push');
    expect(receiver.received.map((r) => r.body.userID)).toEqual(['erin']);
  });

  it('a failing webhook does not break the invitation', async () => {
    const receiver = await startReceiver(500);
    const server = await startServer({ webhookUrl: receiver.url });
    const alice = await connectClient(server, 'alice');
    const { inviteID } = await alice.invite('bob', { timeout: 30, offlinePushInfo: { desc: 'Call' } });
    await until(() => receiver.received.length === 1, 5000, 'the push attempt');

    const bob = await connectClient(server, 'bob');
    await bob.next('invitationReceived', (e) => e.inviteID === inviteID);
    await bob.accept(inviteID);
    await alice.next('inviteeAccepted', (e) => e.inviteID === inviteID);
  });

  it('a custom push notifier can be plugged in instead of the webhook', async () => {
    const pushed: OfflinePush[] = [];
    const server = await startServer({ pushNotifier: { notify: async (push) => void pushed.push(push) } });
    await server.groups.createGroup('team', ['alice', 'bob', 'carol']);
    const alice = await connectClient(server, 'alice');
    await connectClient(server, 'carol');
    const { inviteID } = await alice.inviteInGroup('team', ['bob', 'carol'], { timeout: 30, offlinePushInfo: { desc: 'Standup' } });
    await until(() => pushed.length >= 1, 5000, 'a push');
    expect(pushed).toEqual([expect.objectContaining({ userID: 'bob', inviteID, groupID: 'team', offlinePushInfo: { desc: 'Standup' } })]);
  });

  it('offlinePushInfo without desc is refused', async () => {
    const server = await startServer();
    const alice = await connectClient(server, 'alice');
    await expect(alice.invite('bob', { offlinePushInfo: { title: 'only a title' } as never })).rejects.toMatchObject({ code: 'INVALID_PARAMETER' });
    await expect(alice.invite('bob', { offlinePushInfo: { desc: '' } })).rejects.toMatchObject({ code: 'INVALID_PARAMETER' });
  });

  it('callingInvite pushes its own offlinePushInfo, also into a call made without one', async () => {
    const receiver = await startReceiver();
    const server = await startServer({ webhookUrl: receiver.url });
    const alice = await connectClient(server, 'alice');
    const bob = await connectClient(server, 'bob');
    const { inviteID } = await alice.invite('bob', { mode: 'advanced', timeout: 30 });
    await bob.accept(inviteID);

    const offlinePushInfo = { title: 'Bob', desc: 'Bob adds you to the call' };
    await bob.callingInvite(inviteID, ['dave'], { offlinePushInfo, data: 'join us' });
    await until(() => receiver.received.length === 1, 5000, 'the push for dave');
    expect(receiver.received[0]?.body).toMatchObject({ userID: 'dave', inviteID, offlinePushInfo });

    const ericInfo = { desc: 'Still ringing' };
    const { inviteID: second } = await alice.invite('carol', { mode: 'advanced', timeout: 30, offlinePushInfo: { desc: 'first' } });
    await until(() => receiver.received.length === 2, 5000, 'the push for carol');
    await alice.callingInvite(second, ['eric'], { offlinePushInfo: ericInfo });
    await until(() => receiver.received.length === 3, 5000, 'the push for eric');
    expect(receiver.received[2]?.body).toMatchObject({ userID: 'eric', inviteID: second, offlinePushInfo: ericInfo });
  });
});
