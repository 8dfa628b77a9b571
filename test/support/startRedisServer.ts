import { spawn, type ChildProcess } from 'node:child_process';
import { once } from 'node:events';
import { connect } from 'node:net';

/** A redis-server child process listening on a unix socket only. */
export interface RedisServerProcess {
  /** `unix://<socket path>` for node-redis. */
  url: string;
  socketPath: string;
  /** Stops the server (SIGKILL when `hard`, as if the host died) and waits for it to exit. */
  stop(hard?: boolean): Promise<void>;
}

/** Options of `startRedisServer`. */
export interface StartRedisServerOptions {
  /**
   * Keep an append-only file in this directory (`appendonly yes`, fsync on every write), so a
   * server started again on the same directory has all the data, even after a SIGKILL.
   */
  persistDir?: string;
}

/**
 * Starts `redis-server` on `socketPath` (no persistence unless `persistDir`) and waits until it
 * answers PING.
 * @example const redis = await startRedisServer(join(dir, 'redis.sock')); await redis.stop()
 */
export async function startRedisServer(socketPath: string, options: StartRedisServerOptions = {}): Promise<RedisServerProcess> {
  const persistence = options.persistDir
    ? ['--appendonly', 'yes', '--appendfsync', 'always', '--dir', options.persistDir]
    : ['--appendonly', 'no'];
  const child = spawn(
    'redis-server',
    ['--port', '0', '--unixsocket', socketPath, '--save', '', ...persistence, '--daemonize', 'no'],
    { stdio: ['ignore', 'ignore', 'pipe'] },
  );
  let spawnError: Error | undefined;
  child.on('error', (err) => (spawnError = err));
  const deadline = Date.now() + 10_000;
  while (!(await answersPing(socketPath))) {
    if (spawnError) {
      const hint = (spawnError as NodeJS.ErrnoException).code === 'ENOENT' ? ' (install it: apt-get install -y redis-server)' : '';
      throw new Error(`cannot start redis-server${hint}: ${spawnError.message}`);
    }
    if (child.exitCode !== null || Date.now() > deadline) {
      child.kill('SIGKILL');
      throw new Error(`redis-server did not come up on ${socketPath}`);
    }
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
  return { url: `unix://${socketPath}`, socketPath, stop: (hard) => stopChild(child, hard) };
}

async function stopChild(child: ChildProcess, hard = false): Promise<void> {
  if (child.exitCode !== null || child.signalCode !== null) return;
  const exited = once(child, 'exit');
  child.kill(hard ? 'SIGKILL' : 'SIGTERM');
  await exited;
}

/** Sends a raw PING over the socket; true on `+PONG`. */
function answersPing(socketPath: string): Promise<boolean> {
  return new Promise((resolve) => {
    const socket = connect(socketPath);
    const done = (ok: boolean) => {
      socket.destroy();
      resolve(ok);
    };
    socket.setTimeout(500, () => done(false));
    socket.on('error', () => done(false));
    socket.on('connect', () => socket.write('PING\r\n'));
    socket.on('data', (chunk) => done(chunk.toString().startsWith('+PONG')));
  });
}
