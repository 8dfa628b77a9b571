/**
 * The command map: for every client → server command, its wire name, its params schema and the
 * type of its result. The client, both transports, the server and the engine's handlers are all
 * typed from it, so a renamed or added command is a type error everywhere until it is handled.
 * @module
 */
import type { z } from 'zod';
import { commandSchemas } from './schemas.js';
import type { Invitation } from './types.js';
import type {
  CancelResult,
  ChangeAck,
  HistoryResult,
  InviteResult,
  OperationResult,
  QueryInvitationsResult,
  SyncResult,
  WireAck,
} from './wire.js';

/**
 * A wire command name.
 * @example const name: CommandName = 'invitation:accept'
 */
export type CommandName = keyof typeof commandSchemas;

/**
 * What the sender may put in a command (before the server's schema check).
 * @example const p: CommandParams<'invitation:invite'> = { invitees: ['bob'], timeout: 30 }
 */
export type CommandParams<N extends CommandName> = z.input<(typeof commandSchemas)[N]>;

/**
 * The params of a command after the schema check (what a handler receives).
 * @example const p: CommandPayload<'invitation:accept'> = { inviteID, data: 'ok' }
 */
export type CommandPayload<N extends CommandName> = z.output<(typeof commandSchemas)[N]>;

/**
 * The result of `invitation:get`: the stored snapshot and the server's clock.
 * @example const { invitation, serverTime } = await transport.request('invitation:get', { inviteID }, 5000)
 */
export interface GetInvitationResult {
  invitation: Invitation;
  serverTime: number;
}

/**
 * The result type of every command, by wire name.
 * @example const r: CommandResults['invitation:accept'] = { invitation }
 */
export interface CommandResults {
  'invitation:invite': InviteResult;
  'invitation:inviteInGroup': InviteResult;
  'invitation:cancel': CancelResult & ChangeAck;
  'invitation:accept': OperationResult & ChangeAck;
  'invitation:reject': OperationResult & ChangeAck;
  'invitation:modify': OperationResult & ChangeAck;
  'invitation:callingInvite': InviteResult & ChangeAck;
  'invitation:join': OperationResult & ChangeAck;
  'invitation:quit': OperationResult & ChangeAck;
  'invitation:end': OperationResult & ChangeAck;
  'invitation:received': Record<string, never>;
  'invitation:get': GetInvitationResult;
  'invitation:query': QueryInvitationsResult;
  'history:get': HistoryResult;
  'session:missedSeen': Record<string, never>;
  'session:sync': SyncResult;
  'session:leave': Record<string, never>;
  'session:busy': { busy: boolean };
  'session:pushSubscription': Record<string, never>;
  'group:create': { groupID: string };
  'group:join': { groupID: string };
  'group:leave': { groupID: string };
  'group:members': { groupID: string; members: string[] };
  'media:signal': Record<string, never>;
}

/**
 * The result of a command. Indexing `CommandResults` by every `CommandName` makes a command
 * without a result type a build error.
 * @example const r: CommandResult<'invitation:query'> = { invitations: [], nextFlag: 0 }
 */
export type CommandResult<N extends CommandName> = CommandResults[N];

/**
 * One command's acknowledgement.
 * @example const ack: CommandAck<'invitation:accept'> = { ok: true, result: { invitation } }
 */
export type CommandAck<N extends CommandName> = WireAck<CommandResult<N>>;

/**
 * Sends a command and resolves with its acknowledgement: the shape of every transport's
 * `request` and of the loopback link.
 * @example const ack = await request('invitation:accept', { inviteID }, 10_000)
 */
export type CommandRequest = <N extends CommandName>(name: N, params: CommandParams<N>, timeoutMs: number) => Promise<CommandAck<N>>;

/**
 * The one command a client may send without asking for an acknowledgement: the receipt
 * (docs/protocol.md section 5, "Receipt"). The change it makes reaches the device in the next
 * update anyway, so an acknowledgement would only cost every member of a class one more packet.
 * @example socket.emit(UNACKED_COMMAND, { inviteID })
 */
export const UNACKED_COMMAND = 'invitation:received' satisfies CommandName;

/**
 * Whether a string names a command (the server's check before anything else).
 * @example if (!isCommandName(name)) return reply({ ok: false, error })
 */
export function isCommandName(name: string): name is CommandName {
  return Object.hasOwn(commandSchemas, name);
}
