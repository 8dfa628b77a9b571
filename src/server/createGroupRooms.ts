import type { Server } from 'socket.io';
import type { DeliverToGroup } from '../engine/createFanout.js';
import type { GroupDirectory } from '../engine/groups.js';
import { UPDATE_EVENT, type WireUpdate } from '../protocol/wire.js';

/** The socket.io room of every device of a user. */
export const userRoom = (userID: string) => `user:${userID}`;

/**
 * The socket.io room of one device of a user (media signals go there and nowhere else). The two
 * IDs are JSON-encoded so that no (user, device) pair can name another pair's room.
 * @example io.to(deviceRoom('bob', 'phone')).emit(MEDIA_SIGNAL_EVENT, signal)
 */
export const deviceRoom = (userID: string, deviceID: string) => `device:${JSON.stringify([userID, deviceID])}`;

/** The socket.io room of every device of a group's members. */
export const groupRoom = (groupID: string) => `group:${groupID}`;

/**
 * Group rooms for one-room delivery to a class: every device joins the rooms of its user's
 * groups when it connects, and the returned directory keeps the rooms in step with membership
 * changes made through it (on every node, through the socket.io adapter). `deliverToGroup`
 * then reaches a class of 1,000 with one room instead of a union of 1,000 user rooms, through
 * `emit` (default: one plain emit; the server passes its `createUpdateEmitter`).
 * Change groups through this directory (`server.groups`), not behind the server's back.
 * @example
 * const rooms = createGroupRooms(io, createMemoryGroupDirectory())
 * createEngine({ groups: rooms.groups, deliverToGroup: rooms.deliverToGroup, ... })
 */
export function createGroupRooms(
  io: Server,
  directory: GroupDirectory,
  emit: (rooms: string[], update: WireUpdate) => void | Promise<void> = (rooms, update) => void io.to(rooms).emit(UPDATE_EVENT, update),
) {
  const join = (groupID: string, members: string[]) => {
    if (members.length > 0) io.in(members.map(userRoom)).socketsJoin(groupRoom(groupID));
  };
  const groups: GroupDirectory = {
    async createGroup(groupID, members) {
      await directory.createGroup(groupID, members);
      join(groupID, members);
    },
    async addMembers(groupID, members) {
      await directory.addMembers(groupID, members);
      if (await directory.getMembers(groupID)) join(groupID, members);
    },
    async removeMembers(groupID, members) {
      await directory.removeMembers(groupID, members);
      if (members.length > 0) io.in(members.map(userRoom)).socketsLeave(groupRoom(groupID));
    },
    async deleteGroup(groupID) {
      await directory.deleteGroup(groupID);
      io.in(groupRoom(groupID)).socketsLeave(groupRoom(groupID));
    },
    getMembers: (groupID) => directory.getMembers(groupID),
    isMember: (groupID, userID) => directory.isMember(groupID, userID),
    ...(directory.memberSet && { memberSet: directory.memberSet.bind(directory) }),
    groupsOf: (userID) => directory.groupsOf(userID),
  };
  const deliverToGroup: DeliverToGroup = (groupID, userIDs, update) => emit([groupRoom(groupID), ...userIDs.map(userRoom)], update);
  return {
    groups,
    deliverToGroup,
    /** The rooms a device of this user joins when it connects. */
    async roomsOf(userID: string): Promise<string[]> {
      return [userRoom(userID), ...(await directory.groupsOf(userID)).map(groupRoom)];
    },
  };
}
