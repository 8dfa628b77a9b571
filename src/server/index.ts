/**
 * `ringkit/server`: the signaling server, its storage and group directories, and the engine.
 * @module
 */
export { createRingkitServer, type RingkitServer, type RingkitServerOptions } from './createRingkitServer.js';
export { createAuthenticator, type AuthOptions, type Identity } from './createAuthenticator.js';
export type { AllowedOrigins } from './createOriginCheck.js';
export { createWebhookNotifier, type WebhookNotifierOptions } from './createWebhookNotifier.js';
export type { WebPushOptions } from './webPush/createWebPush.js';
export { DEFAULT_PUSH_SERVICE_HOSTS } from './webPush/pushServiceHosts.js';
export { generateVapidKeys, type VapidKeys } from './webPush/generateVapidKeys.js';
export * from '../engine/index.js';
export { createRedisStorage, type RedisStorage, type RedisStorageOptions } from './redis/createRedisStorage.js';
export { createRedisGroupDirectory, type RedisGroupDirectory, type RedisGroupDirectoryOptions } from './redis/createRedisGroupDirectory.js';
export { redisServerOptions, type RedisServerOptions, type RedisServerOptionsOptions } from './redis/redisServerOptions.js';
export type { RedisSentinelTarget } from './redis/createSentinelClient.js';
