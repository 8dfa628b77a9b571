/**
 * Who performs an operation: a user on one of their devices.
 * @example const actor: Actor = { userID: 'alice', deviceID: 'phone' }
 */
export interface Actor {
  userID: string;
  deviceID: string;
}
