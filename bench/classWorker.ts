/**
 * A share of a class's members in a worker thread (started by `openClassPool`), so the bench's
 * own clients are not what is measured: with one process hosting a thousand clients, parsing
 * what they receive was the bottleneck. The members are bare socket.io clients (for the
 * baselines) or ringkit clients; the pool sends commands and the worker answers each when done.
 */
import { setPriority } from 'node:os';
import { parentPort, workerData } from 'node:worker_threads';
import type { Socket } from 'socket.io-client';
import type { SignalingClient } from 'ringkit';
import { closeAll, connectBare, connectRingkit } from './clients.js';
import type { ClassCommand } from './openClassPool.js';

const { kind, url, ids } = workerData as { kind: 'bare' | 'ringkit'; url: string; ids: string[] };
let bare: Socket[] = [];
let members: SignalingClient[] = [];
let armed: Promise<unknown> = Promise.resolve();

// The load generator yields the cores to the servers and the probe, as if it ran on other machines
// (Linux nice is per thread: this lowers this worker only). `--clients-normal-priority` keeps it at 0.
if (process.env.BENCH_CLIENTS_NICE !== '0') setPriority(0, 19);

/** Resolves once every member's mirror shows all `n` invitees accepted. */
function allAccepted(client: SignalingClient, inviteID: string, n: number): Promise<void> {
  const check = () => {
    const inv = client.getInvitation(inviteID);
    return inv !== undefined && inv.state === 'ended' && inv.users.every((u) => u.state === 'accepted') && inv.users.length === n;
  };
  return new Promise((resolve) => {
    if (check()) return resolve();
    const off = client.on('invitationUpdated', (e) => e.inviteID === inviteID && e.invitation.state === 'ended' && check() && (off(), resolve()));
  });
}

/** Resolves once every member's mirror shows no invitee still `inviting` (every receipt known). */
function allReceived(client: SignalingClient, inviteID: string): Promise<void> {
  const check = () => {
    const inv = client.getInvitation(inviteID);
    return inv !== undefined && inv.users.every((u) => u.state !== 'inviting');
  };
  return new Promise((resolve) => {
    if (check()) return resolve();
    const off = client.on('invitationUpdated', (e) => e.inviteID === inviteID && check() && (off(), resolve()));
  });
}

async function handle(cmd: ClassCommand): Promise<unknown> {
  switch (cmd.cmd) {
    case 'connect':
      if (kind === 'bare') {
        bare = await connectBare(url, ids);
        await Promise.all(bare.map((s) => s.emitWithAck('join', cmd.room)));
      } else {
        members = await connectRingkit(url, ids);
      }
      return true;
    case 'armNews':
      armed = Promise.all(bare.map((s) => new Promise((r) => s.once('news', r))));
      return true;
    case 'armRing':
      armed = Promise.all(members.map((m) => new Promise<void>((r) => {
        const off = m.on('invitationReceived', () => (off(), r()));
      })));
      return true;
    case 'armReceived':
      armed = Promise.all(members.map((m) => allReceived(m, cmd.inviteID)));
      return true;
    case 'armAccepted':
      armed = Promise.all(members.map((m) => allAccepted(m, cmd.inviteID, cmd.n)));
      return true;
    case 'wait':
      await armed;
      return true;
    case 'echo':
      await Promise.all(bare.map((s, i) => s.emitWithAck('echo', { i })));
      return true;
    case 'accept': {
      const answers = await Promise.allSettled(members.map((m) => m.accept(cmd.inviteID)));
      return answers.flatMap((a) => (a.status === 'rejected' ? [String((a.reason as { code?: string }).code ?? a.reason)] : []));
    }
    case 'close':
      closeAll([...bare, ...members]);
      return true;
  }
}

parentPort!.on('message', (msg: ClassCommand & { id: number }) => {
  handle(msg).then(
    (result) => parentPort!.postMessage({ id: msg.id, result }),
    (err: unknown) => parentPort!.postMessage({ id: msg.id, error: String(err) }),
  );
});
