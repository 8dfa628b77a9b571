import { parseJSONObject } from '../../protocol/parseJSONObject.js';

/**
 * The `data` a call made with `useCall` carries: the app's media room, plus any fields of its own.
 * @example const data: CallData = { roomID: 'room-42', video: true }
 */
export interface CallData {
  roomID: string;
  [field: string]: unknown;
}

/**
 * Encodes call data as the invitation's `data` string (JSON).
 * @example client.invite('bob', { mode: 'advanced', data: encodeCallData({ roomID: 'room-42' }) })
 */
export function encodeCallData(data: CallData): string {
  return JSON.stringify(data);
}

/**
 * Reads call data back from an invitation's `data`; undefined when it is not a JSON object with a
 * string `roomID` (e.g. an invitation made without `useCall`).
 * @example const roomID = parseCallData(invitation.data)?.roomID
 */
export function parseCallData(data: string): CallData | undefined {
  const value = parseJSONObject(data);
  return typeof value?.roomID === 'string' ? (value as CallData) : undefined;
}

export { parseJSONObject };
