import { randomUUID } from 'node:crypto';
import { describe, expect, inject, it } from 'vitest';
import { createRedisStorage } from '../../src/server/redis/createRedisStorage.js';
import { createMemoryStorage } from '../../src/engine/memory/createMemoryStorage.js';
import { engineHarness } from '../support/engineHarness.js';

const backends = [
  ['memory', async () => createMemoryStorage()],
  ['redis', async () => createRedisStorage({ url: inject('redisUrl'), keyPrefix: `test:${randomUUID()}:` })],
] as const;

/** Defect 4 of issue 13: a requestID was not bound to its command. */
describe.each(backends)('a requestID is bound to its command and parameters (%s)', (_, open) => {
  it('reusing an invite\'s requestID on a cancel is refused with a clear error and cancels nothing; a true retry still gets the first result', async () => {
    const storage = await open();
    const h = engineHarness({ storage });
    try {
      const first = await h.run('alice', 'invitation:invite', { invitees: ['bob'], requestID: 'r-1' });
      await expect(h.run('alice', 'invitation:cancel', { inviteID: first.inviteID, requestID: 'r-1' })).rejects.toMatchObject({
        code: 'INVALID_PARAMETER',
        message: expect.stringMatching(/requestID already used with another command or other parameters/),
      });
      expect((await storage.getInvitation(first.inviteID))!.state).toBe('active');

      // Same command, other parameters: refused too.
      await expect(h.run('alice', 'invitation:invite', { invitees: ['carol'], requestID: 'r-1' })).rejects.toMatchObject({ code: 'INVALID_PARAMETER' });
      // The same request again (keys in another order) is a retry: the first result, nothing new.
      const retry = await h.run('alice', 'invitation:invite', { requestID: 'r-1', invitees: ['bob'] });
      expect(retry.inviteID).toBe(first.inviteID);
      // Another user's identical requestID is theirs alone.
      const bobs = await h.run('bob', 'invitation:accept', { inviteID: first.inviteID, requestID: 'r-1' });
      expect(bobs.invitation.users.find((u) => u.userID === 'bob')?.state).toBe('accepted');
      // A failure is bound too: retrying it answers the same error, reusing it for something else is refused.
      await expect(h.run('carol', 'invitation:accept', { inviteID: first.inviteID, requestID: 'c-1' })).rejects.toMatchObject({ code: 'INVITATION_NOT_FOUND' });
      await expect(h.run('carol', 'invitation:accept', { inviteID: first.inviteID, requestID: 'c-1' })).rejects.toMatchObject({ code: 'INVITATION_NOT_FOUND' });
      await expect(h.run('carol', 'invitation:reject', { inviteID: first.inviteID, requestID: 'c-1' })).rejects.toMatchObject({ code: 'INVALID_PARAMETER' });
    } finally {
      await storage.close();
    }
  });

  it('two requests with one requestID in flight at once: the second, with other parameters, is refused', async () => {
    const storage = await open();
    const h = engineHarness({ storage });
    try {
      const [a, b] = await Promise.allSettled([
        h.run('alice', 'invitation:invite', { invitees: ['bob'], requestID: 'same' }),
        h.run('alice', 'invitation:invite', { invitees: ['dave'], requestID: 'same' }),
      ]);
      expect(a.status).toBe('fulfilled');
      expect(b).toMatchObject({ status: 'rejected', reason: { code: 'INVALID_PARAMETER' } });
    } finally {
      await storage.close();
    }
  });
});
