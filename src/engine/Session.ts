import type { Actor } from './actor.js';

/**
 * A connected device: the actor plus the connection's own ID.
 * @example await engine.connect({ userID: 'alice', deviceID: 'phone', connectionID: socket.id })
 */
export interface Session extends Actor {
  connectionID: string;
}
