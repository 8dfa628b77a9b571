/**
 * The demo's groups (the server lets clients join groups): everyone who signs in joins the lobby,
 * where group calls are made so members can see and join them; the classroom tab joins the class.
 * @example client.inviteInGroup(LOBBY_GROUP, ['bob', 'carol'], { mode: 'advanced' })
 */
export const LOBBY_GROUP = 'demo-lobby';
export const CLASSROOM_GROUP = 'demo-classroom';
