/**
 * `ringkit/engine`: the invitation engine alone — pure TypeScript, safe for the browser — with
 * in-memory storage and groups and the in-page loopback server (Storybook, demos, offline mode).
 * @module
 */
export { createEngine, type Engine, type EngineOptions } from './createEngine.js';
export type { Session } from './Session.js';
export type { EngineLogger } from './EngineLogger.js';
export { createLoopbackServer } from './createLoopbackServer.js';
export { createMemoryStorage, type MemoryStorageOptions } from './memory/createMemoryStorage.js';
export { createMemoryGroupDirectory } from './memory/createMemoryGroupDirectory.js';
export type { RingkitStorage, InvitationCommit, StoredPushSubscription, DeadNodeSweep } from './storage.js';
export type { GroupDirectory } from './groups.js';
export type { PushNotifier, OfflinePush, WebPushRinger, StopRingingReason } from './push.js';
export type { Clock } from './clock.js';
