/**
 * The socket.io namespace on which the demo server pushes who is online (event `online`, a sorted
 * array of userIDs). Demo only: ringkit's protocol has no presence list.
 * @example io(PRESENCE_NAMESPACE).on('online', setUsers)
 */
export const PRESENCE_NAMESPACE = '/demo-presence';
