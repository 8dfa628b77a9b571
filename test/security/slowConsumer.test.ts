import { spawn } from 'node:child_process';
import { once } from 'node:events';
import { fileURLToPath } from 'node:url';
import { Writable } from 'node:stream';
import { pino } from 'pino';
import { describe, expect, it, onTestFinished } from 'vitest';
import { connectClient, startServer, until } from '../support/harness.js';

const script = fileURLToPath(new URL('../support/slowConsumer.ts', import.meta.url));

/** Defect 5 of issue 13: nothing capped what the server queued for a device that stopped reading. */
describe('slow consumers', () => {
  it('a device that stops reading is disconnected once its outbound buffer passes the cap; the others go on', async () => {
    const warnings: string[] = [];
    const logger = pino({ level: 'warn' }, new Writable({ write: (chunk: Buffer, _e, done) => (warnings.push(chunk.toString()), done()) }));
    const server = await startServer({ logger, maxOutboundBufferBytes: 256 * 1024, maxDataBytes: 64 * 1024, requestsPerSecond: 10_000, inboundBytesPerSecond: 1e9 });

    const child = spawn(process.execPath, ['--import', 'tsx', script, server.url, 'slow'], { stdio: ['ignore', 'pipe', 'inherit'] });
    onTestFinished(() => void child.kill('SIGKILL'));
    let output = '';
    child.stdout!.on('data', (chunk: Buffer) => (output += chunk.toString()));
    await until(() => output.includes('ready'), 15_000, 'the slow device');
    const slowSockets = () => [...server.io.sockets.sockets.values()].filter((s) => (s.data.session as { userID: string }).userID === 'slow');
    expect(slowSockets()).toHaveLength(1);
    child.kill('SIGSTOP');

    const alice = await connectClient(server, 'alice');
    const carol = await connectClient(server, 'carol');
    const dave = await connectClient(server, 'dave');
    const data = 'x'.repeat(60 * 1024);
    let probes = 0;
    let floods = 0;
    // 60 KiB per update to a device that reads nothing, while carol keeps calling dave.
    while (slowSockets().length > 0 && floods < 1000) {
      await Promise.all(Array.from({ length: 20 }, () => alice.invite('slow', { data }).then(() => floods++)));
      const { inviteID } = await carol.invite('dave', { timeout: 30 });
      await dave.accept(inviteID);
      probes++;
    }
    expect(slowSockets()).toHaveLength(0);
    expect(warnings.some((line) => line.includes('stopped reading'))).toBe(true);
    expect(probes).toBeGreaterThan(0);
    expect(dave.connectionState).toBe('connected');

    // Woken up, the frozen device finds its connection closed.
    child.kill('SIGCONT');
    await once(child, 'exit');
    expect(output).toMatch(/disconnected: transport (close|error)/);
  });
});
