/**
 * `ringkit/server`: the signaling server, its storage and group directories, and the engine.
 * @module
 */
export { createRingkitServer, type RingkitServer, type RingkitServerOptions } from './createRingkitServer.js';
export { createAuthenticator, type AuthOptions, type Identity } from './createAuthenticator.js';
export { createWebhookNotifier, type WebhookNotifierOptions } from './createWebhookNotifier.js';
export { createEngine, type Engine, type EngineOptions, type Session } from '../engine/createEngine.js';
export { createLoopbackServer } from '../engine/createLoopbackServer.js';
export { createMemoryStorage } from '../engine/memory/createMemoryStorage.js';
export { createMemoryGroupDirectory } from '../engine/memory/createMemoryGroupDirectory.js';
export type { RingkitStorage, InvitationCommit } from '../engine/storage.js';
export type { GroupDirectory } from '../engine/groups.js';
export type { PushNotifier, OfflinePush } from '../engine/push.js';
export type { Clock } from '../engine/clock.js';
export { createRedisStorage, type RedisStorage, type RedisStorageOptions } from './redis/createRedisStorage.js';
export { createRedisGroupDirectory, type RedisGroupDirectory, type RedisGroupDirectoryOptions } from './redis/createRedisGroupDirectory.js';
export { redisServerOptions, type RedisServerOptions, type RedisServerOptionsOptions } from './redis/redisServerOptions.js';
