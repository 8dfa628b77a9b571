import { io } from 'socket.io-client';
import { describe, expect, it } from 'vitest';
import { startServer } from '../support/harness.js';
import { spawnRingkitServer } from '../support/spawnRingkitServer.js';

/** Tries a raw socket.io handshake with the given Origin header (none when undefined); resolves 'connected' or the error. */
function handshake(url: string, origin: string | undefined, transport: 'websocket' | 'polling' = 'websocket'): Promise<string> {
  const socket = io(url, {
    transports: [transport],
    reconnection: false,
    auth: { userID: 'alice' },
    ...(origin !== undefined && { extraHeaders: { origin } }),
  });
  return new Promise((resolve) => {
    socket.on('connect', () => (socket.disconnect(), resolve('connected')));
    socket.on('connect_error', (err) => (socket.disconnect(), resolve(`refused: ${err.message}`)));
  });
}

describe('origins', () => {
  it('production refuses every browser origin until it is listed; clients without an Origin still connect', async () => {
    const server = await startServer({ auth: { authenticate: () => 'alice' } });
    expect(await handshake(server.url, 'https://evil.example')).toMatch(/^refused/);
    expect(await handshake(server.url, 'https://evil.example', 'polling')).toMatch(/^refused/);
    expect(await handshake(server.url, undefined)).toBe('connected');
  });

  it('an allow-list lets exactly its origins in (case and default port do not matter), over WebSocket and polling', async () => {
    const server = await startServer({ auth: { authenticate: () => 'alice' }, allowedOrigins: ['https://app.example.com', 'http://localhost:5173'] });
    expect(await handshake(server.url, 'https://app.example.com')).toBe('connected');
    expect(await handshake(server.url, 'HTTPS://APP.example.com:443')).toBe('connected');
    expect(await handshake(server.url, 'http://localhost:5173', 'polling')).toBe('connected');
    for (const origin of ['https://app.example.com.evil.example', 'http://app.example.com', 'https://evil.example', 'null']) {
      expect(await handshake(server.url, origin), origin).toMatch(/^refused/);
      expect(await handshake(server.url, origin, 'polling'), origin).toMatch(/^refused/);
    }
    expect(server.io.engine.clientsCount).toBe(0);
  });

  it('dev mode allows any origin', async () => {
    const server = await startServer();
    expect(await handshake(server.url, 'https://anything.example')).toBe('connected');
  });

  it('the CLI takes --allowed-origin (and RINGKIT_ALLOWED_ORIGINS) and warns when production lists none', async () => {
    const secret = ['--jwt-secret', 'a-test-secret-that-is-long-enough-for-hs256'];
    const listed = await spawnRingkitServer([...secret, '--allowed-origin', 'https://app.example.com']);
    expect(await handshake(listed.url, 'https://evil.example')).toMatch(/^refused/);
    // The origin passes; the missing token is what refuses this one.
    expect(await handshake(listed.url, 'https://app.example.com')).toMatch(/a token is required/);
    await listed.stop();

    const fromEnv = await spawnRingkitServer(secret, { RINGKIT_ALLOWED_ORIGINS: 'https://a.example,https://b.example', LOG_LEVEL: 'info' });
    expect(await handshake(fromEnv.url, 'https://b.example')).toMatch(/a token is required/);
    expect(await handshake(fromEnv.url, 'https://c.example')).toMatch(/^refused(?!.*token)/);
    await fromEnv.stop();

    const unlisted = await spawnRingkitServer(secret, { LOG_LEVEL: 'info' });
    expect(unlisted.output()).toMatch(/no allowedOrigins: browsers cannot connect/);
  });
});
