import { SignJWT } from 'jose';
import { describe, expect, it } from 'vitest';
import { connectClient, startServer } from '../support/harness.js';

describe('createRingkitServer option shorthands', () => {
  it('takes limits at the top level as well as under `limits`', async () => {
    const server = await startServer({ maxInvitees: 2, limits: { maxDataBytes: 4 } });
    const alice = await connectClient(server, 'alice');
    await expect(alice.invite(['b', 'c', 'd'])).rejects.toMatchObject({ code: 'INVALID_PARAMETER' });
    await expect(alice.invite(['b'], { data: '12345' })).rejects.toMatchObject({ code: 'PAYLOAD_TOO_LARGE' });
    expect((await alice.invite(['b', 'c'], { data: '1234' })).errorInvitees).toEqual([]);
  });

  it('accepts `jwtSecret` for HS256 and refuses a dev-style userID', async () => {
    const secret = 'shorthand-secret-at-least-32-bytes-long';
    const server = await startServer({ auth: undefined, jwtSecret: secret });
    const token = await new SignJWT({}).setProtectedHeader({ alg: 'HS256' }).setSubject('alice').setExpirationTime('1h').sign(new TextEncoder().encode(secret));
    const alice = await connectClient(server, 'alice', { token });
    expect(alice.userID).toBe('alice');
    await expect(connectClient(server, 'mallory')).rejects.toMatchObject({ code: 'UNAUTHENTICATED' });
  });

  it('accepts `dev: true` for development mode', async () => {
    const server = await startServer({ auth: undefined, dev: true });
    const bob = await connectClient(server, 'bob');
    expect(bob.connectionState).toBe('connected');
  });
});

describe('auth fields at the top level', () => {
  it('accepts `authenticate` and refuses what it refuses', async () => {
    const server = await startServer({
      auth: undefined,
      authenticate: ({ auth }) => {
        if (auth.token !== 'let-me-in') throw new Error('no');
        return 'dora';
      },
    });
    const dora = await connectClient(server, 'ignored', { token: 'let-me-in' });
    expect(dora.userID).toBe('dora');
    await expect(connectClient(server, 'eve', { token: 'nope' })).rejects.toMatchObject({ code: 'UNAUTHENTICATED' });
  });

  it('refuses to start with two ways to authenticate', async () => {
    await expect(startServer({ auth: undefined, dev: true, jwtSecret: 'x'.repeat(32) })).rejects.toThrow(/exactly one/);
  });
});
