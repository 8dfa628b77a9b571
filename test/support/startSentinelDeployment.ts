import { spawn, type ChildProcess } from 'node:child_process';
import { once } from 'node:events';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { connect, createServer, type AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

/** A primary, its replica and three sentinels on loopback TCP ports (see `startSentinelDeployment`). */
export interface SentinelDeployment {
  /** The name the sentinels monitor the primary under. */
  name: string;
  /** `host:port` of each sentinel, for `--redis-sentinel`. */
  sentinels: { host: string; port: number }[];
  /** The port of the data node started as primary, and of the one started as its replica. */
  primaryPort: number;
  replicaPort: number;
  /** Which port the sentinels currently report as primary. */
  currentPrimaryPort(): Promise<number>;
  /** SIGKILL of the data node on `port` (as if its host died). */
  kill(port: number): Promise<void>;
  /** Everything stops; the temp directory is removed. */
  stop(): Promise<void>;
}

/** Timing of the sentinels (ms): how long a silent primary takes to be judged down, and the failover timeout. */
export interface SentinelTiming {
  downAfterMs?: number;
  failoverTimeoutMs?: number;
  /** How many sentinels to start; default 3 (0: just the primary and its replica, e.g. for a bench). */
  sentinels?: number;
}

/**
 * Starts on 127.0.0.1 a primary, a replica (`--replicaof`) and three sentinels (`redis-server
 * <conf> --sentinel`, quorum 2) monitoring it as `name`, and waits until the replica is in sync
 * and every sentinel knows the replica and the other sentinels, so a failover can happen.
 * @example const redis = await startSentinelDeployment(); await redis.kill(redis.primaryPort)
 */
export async function startSentinelDeployment(name = 'ringkit', timing: SentinelTiming = {}): Promise<SentinelDeployment> {
  const dir = await mkdtemp(join(tmpdir(), 'ringkit-sentinel-'));
  const children = new Map<number, ChildProcess>();
  const [primaryPort, replicaPort, ...sentinelPorts] = await freePorts(2 + (timing.sentinels ?? 3));
  const start = (port: number, args: string[]) => {
    const child = spawn('redis-server', args, { stdio: ['ignore', process.env.RINGKIT_SENTINEL_DEBUG ? 'inherit' : 'ignore', 'inherit'] });
    children.set(port, child);
    return child;
  };
  const stop = async () => {
    await Promise.all(
      [...children.values()].map(async (child) => {
        if (child.exitCode !== null || child.signalCode !== null) return;
        const exited = once(child, 'exit');
        child.kill('SIGKILL');
        await exited;
      }),
    );
    await rm(dir, { recursive: true, force: true });
  };
  try {
    const data = ['--bind', '127.0.0.1', '--repl-diskless-sync-delay', '0', '--save', '', '--appendonly', 'no', '--daemonize', 'no', '--dir', dir];
    start(primaryPort!, ['--port', String(primaryPort), ...data]);
    start(replicaPort!, ['--port', String(replicaPort), ...data, '--replicaof', '127.0.0.1', String(primaryPort)]);
    await untilTrue(async () => (await command(primaryPort!, 'PING')).startsWith('+PONG'), 'the primary answers');
    await untilTrue(async () => /master_link_status:up/.test(await command(replicaPort!, 'INFO replication')), 'the replica in sync');
    // Right after its first sync a replica may not acknowledge the next write within a WAIT (its
    // first REPLCONF ACK comes late): wait until one write is confirmed, so tests start in sync.
    await untilTrue(async () => /^:1/.test(await command(primaryPort!, 'SET ringkit:sync 1\r\nWAIT 1 1000', /^\+OK\r\n:\d+\r\n/).then((r) => r.replace(/^\+OK\r\n/, ''))), 'a write confirmed by the replica');
    for (const port of sentinelPorts) {
      const conf = join(dir, `sentinel-${port}.conf`);
      await writeFile(
        conf,
        [
          `port ${port}`,
          'bind 127.0.0.1',
          `dir ${dir}`,
          `sentinel monitor ${name} 127.0.0.1 ${primaryPort} 2`,
          `sentinel down-after-milliseconds ${name} ${timing.downAfterMs ?? 1000}`,
          `sentinel failover-timeout ${name} ${timing.failoverTimeoutMs ?? 4000}`,
          `sentinel parallel-syncs ${name} 1`,
          '',
        ].join('\n'),
      );
      start(port, [conf, '--sentinel']);
    }
    // A failover needs every sentinel to know the replica and a quorum of its peers.
    for (const port of sentinelPorts) {
      await untilTrue(async () => {
        const info = await command(port, `SENTINEL MASTER ${name}`);
        return /num-slaves\r\n[$:](?:\d+\r\n)?1\r\n/.test(info) && /num-other-sentinels\r\n[$:](?:\d+\r\n)?2\r\n/.test(info);
      }, `sentinel ${port} knows the replica and its peers`);
    }
  } catch (err) {
    await stop();
    throw err;
  }
  return {
    name,
    sentinels: sentinelPorts.map((port) => ({ host: '127.0.0.1', port })),
    primaryPort: primaryPort!,
    replicaPort: replicaPort!,
    async currentPrimaryPort() {
      for (const port of sentinelPorts) {
        const reply = await command(port, `SENTINEL GET-MASTER-ADDR-BY-NAME ${name}`).catch(() => '');
        const match = /\r\n\$\d+\r\n(\d+)\r\n$/.exec(reply);
        if (match) return Number(match[1]);
      }
      throw new Error('no sentinel answers');
    },
    async kill(port) {
      const child = children.get(port);
      if (!child || child.exitCode !== null || child.signalCode !== null) return;
      const exited = once(child, 'exit');
      child.kill('SIGKILL');
      await exited;
    },
    stop,
  };
}

/** `count` distinct TCP ports free on 127.0.0.1 right now. */
async function freePorts(count: number): Promise<number[]> {
  const servers = await Promise.all(
    Array.from({ length: count }, async () => {
      const server = createServer();
      await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
      return server;
    }),
  );
  const ports = servers.map((s) => (s.address() as AddressInfo).port);
  await Promise.all(servers.map((s) => new Promise((resolve) => s.close(resolve))));
  return ports;
}

/**
 * Sends inline command(s) over a fresh connection; resolves with the raw reply once it matches
 * `complete`, or (without it) once it stops growing.
 */
export function command(port: number, line: string, complete?: RegExp): Promise<string> {
  return new Promise((resolve, reject) => {
    const socket = connect(port, '127.0.0.1');
    let reply = '';
    let quiet: ReturnType<typeof setTimeout> | undefined;
    socket.setTimeout(3000, () => (socket.destroy(), reject(new Error(`no reply from ${port}`))));
    socket.on('error', reject);
    socket.on('connect', () => socket.write(`${line}\r\n`));
    socket.on('data', (chunk) => {
      reply += chunk.toString();
      clearTimeout(quiet);
      if (complete) {
        if (complete.test(reply)) socket.destroy(), resolve(reply);
        return;
      }
      quiet = setTimeout(() => (socket.destroy(), resolve(reply)), 30);
    });
  });
}

async function untilTrue(check: () => Promise<boolean>, what: string, timeoutMs = 20_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    if (await check().catch(() => false)) return;
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
}
