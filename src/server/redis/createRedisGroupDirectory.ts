import type { GroupDirectory } from '../../engine/groups.js';
import { connectRedis, type RedisConnectionOptions } from './connectRedis.js';
import { GROUP_MEMBERS_SCRIPT, GROUP_WRITE_SCRIPT } from './scripts/groupScripts.js';

/**
 * Options of the Redis group directory.
 * @example const options: RedisGroupDirectoryOptions = { url: 'redis://localhost:6379', keyPrefix: 'ringkit:' }
 */
export interface RedisGroupDirectoryOptions extends RedisConnectionOptions {
  /** Prefix of every key; default `ringkit:` (the same as the storage's is fine). */
  keyPrefix?: string;
}

/**
 * The Redis group directory; `close()` releases its connection.
 * @example const groups: RedisGroupDirectory = await createRedisGroupDirectory(); await groups.close()
 */
export interface RedisGroupDirectory extends GroupDirectory {
  close(): Promise<void>;
}

/**
 * A group directory shared by every node: `groups` (set of groupIDs), `gm:<groupID>` (members)
 * and `gu:<userID>` (the user's groups), each write one atomic script. Groups are kept until
 * deleted. Calls reject with `RingkitError('INTERNAL', …)` while Redis is unreachable.
 * @example
 * const groups = await createRedisGroupDirectory({ url: 'redis://localhost:6379' })
 * await groups.createGroup('class-1', ['teacher', 's1', 's2'])
 */
export async function createRedisGroupDirectory(options: RedisGroupDirectoryOptions = {}): Promise<RedisGroupDirectory> {
  const prefix = options.keyPrefix ?? 'ringkit:';
  const redis = await connectRedis(options);
  const write = async (op: 'create' | 'add' | 'remove' | 'delete', groupID: string, members: string[] = []) => {
    await redis.script(GROUP_WRITE_SCRIPT, [], [prefix, op, groupID, ...members]);
  };

  return {
    createGroup: (groupID, members) => write('create', groupID, members),
    addMembers: (groupID, members) => write('add', groupID, members),
    removeMembers: (groupID, members) => write('remove', groupID, members),
    deleteGroup: (groupID) => write('delete', groupID),
    async getMembers(groupID) {
      const reply = (await redis.script(GROUP_MEMBERS_SCRIPT, [], [prefix, groupID])) as string[];
      return reply.length === 0 ? undefined : reply.slice(1);
    },
    async isMember(groupID, userID) {
      return Number(await redis.call(['SISMEMBER', `${prefix}gm:${groupID}`, userID])) === 1;
    },
    async groupsOf(userID) {
      return (await redis.call(['SMEMBERS', `${prefix}gu:${userID}`])) as string[];
    },
    close: () => redis.close(),
  };
}
