/**
 * Most users an invitation may reach and still count as small (a 1v1 call, a small group's call;
 * a class is not): its changes go out at once, not held in the fan-out's window; its commits do not
 * wait a turn to gather a burst; its updates are written before the fan-out returns; and its
 * commands never wait behind a class's. One number, so the four agree on what a class is.
 * @example const wide = inv.groupID !== undefined || inv.users.length > SMALL_AUDIENCE
 */
export const SMALL_AUDIENCE = 16;
