import type { CommandName, CommandPayload, CommandResult } from '../protocol/commands.js';
import { clampPage } from '../protocol/schemas.js';
import type { Invitation, SignalingMessage } from '../protocol/types.js';
import type { ChangeAck } from '../protocol/wire.js';
import type { InvitationTransactions, MutationDelta, Publish } from './createInvitationTransactions.js';
import type { RequestOutcomeSlot } from './requestOutcomes.js';
import type { Draft } from './Draft.js';
import { fail } from './fail.js';
import type { GroupDirectory } from './groups.js';
import { answer } from './operations/answer.js';
import { callingInvite } from './operations/callingInvite.js';
import { cancel } from './operations/cancel.js';
import type { RuleContext } from './operations/context.js';
import { createInvitation } from './operations/createInvitation.js';
import { mediaSignalTarget, type DeliverMediaSignal } from './mediaSignalTarget.js';
import { join } from './operations/join.js';
import { end, quit } from './operations/leave.js';
import { modify } from './operations/modify.js';
import { markReceived } from './operations/received.js';
import { presenceKey } from './presenceKey.js';
import type { PushNotifier, WebPushRinger } from './push.js';
import { randomID } from './randomID.js';
import { canSee } from './recipients.js';
import type { Session } from './Session.js';
import { conversationKey, type RingkitStorage, type StoredHistoryEntry } from './storage.js';
import { syncUser } from './syncUser.js';
import { checkData, checkSignal } from './validate.js';

interface HandlerDeps {
  ctx: RuleContext;
  storage: RingkitStorage;
  groups: GroupDirectory;
  tx: InvitationTransactions;
  /** Device bookkeeping, for `session:leave`. */
  devices: { leave(session: Session): Promise<void> };
  now: () => number;
  generateID: (() => string) | undefined;
  pushNotifier: PushNotifier | undefined;
  /** Web Push, when the server sends it. */
  webPush: WebPushRinger | undefined;
  clientGroups: boolean;
  /** Delivers a media signal to one device; without it `media:signal` is refused (INVALID_STATE). */
  deliverMediaSignal: DeliverMediaSignal | undefined;
  logger: { error(obj: object, msg?: string): void };
}

/**
 * A command's handler: validated params in, the command's result out (errors are RingkitErrors);
 * `scope` collects what to publish once the caller has been answered, and carries the request's
 * outcome slot when it has a requestID.
 * @example const handler: CommandHandler<'invitation:accept'> = (session, p, scope) => ...
 */
export type CommandHandler<N extends CommandName> = (session: Session, params: CommandPayload<N>, scope: CommandScope) => Promise<CommandResult<N>>;

/**
 * What a handler gets besides the session and params.
 * @example scope.later(await tx.create(draft, scope.outcome && { slot: scope.outcome, result }))
 */
export interface CommandScope {
  /** Queues a publication to run once the caller has been answered. */
  later(publish: Publish): void;
  /** The request's outcome slot (requests with a requestID): a commit stores the outcome in it. */
  outcome?: RequestOutcomeSlot;
}

/**
 * Every command's handler, keyed by wire name.
 * @example const result = await handlers['invitation:accept'](session, { inviteID }, later)
 */
export type CommandHandlers = { [N in CommandName]: CommandHandler<N> };

/**
 * One handler per wire command: validated params in, result out (errors are RingkitErrors).
 * Every write goes through the invitation transactions `tx`.
 * @example const handlers = createCommandHandlers({ ctx, storage, groups, tx, now: Date.now, ... })
 */
export function createCommandHandlers(deps: HandlerDeps): CommandHandlers {
  const { ctx, storage, groups, tx, now, pushNotifier, webPush, logger } = deps;
  const generateID = deps.generateID ?? randomID;

  /**
   * Hands newly invited users with no connected device to the push notifier, with the
   * operation's `offlinePushInfo` (callingInvite's own, else the invitation's), and rings their
   * browsers through Web Push. Runs on the node that committed the invitation (once per cluster),
   * after the caller's answer, which the encryption and the requests must not hold up.
   */
  function pushOffline(scope: CommandScope, inv: Invitation, userIDs: string[], info = inv.offlinePushInfo) {
    const notify = pushNotifier && info ? pushNotifier : undefined;
    if ((!notify && !webPush) || inv.onlineUserOnly || userIDs.length === 0) return;
    // Not awaited: no later publication waits for a push service.
    scope.later(async () => {
      void storage
        .onlineAmong(userIDs)
        .then((online) =>
          Promise.all(
            userIDs
              .filter((id) => !online.has(id))
              .flatMap((userID) => [
                ...(notify
                  ? [
                      notify.notify({
                        userID,
                        inviteID: inv.inviteID,
                        inviter: inv.inviter,
                        ...(inv.groupID !== undefined && { groupID: inv.groupID }),
                        data: inv.data,
                        timeout: inv.timeout,
                        offlinePushInfo: info!,
                      }),
                    ]
                  : []),
                ...(webPush ? [webPush.ring(userID, inv, info)] : []),
              ]),
          ),
        )
        .catch((err: unknown) => logger.error({ err, inviteID: inv.inviteID }, 'offline push failed'));
    });
  }

  async function invite(session: Session, params: CommandPayload<'invitation:invite'> & { groupID?: string }, scope: CommandScope) {
    const { draft, errorInvitees } = await createInvitation(generateID(), session, params, ctx, now());
    const result = { inviteID: draft.invitation.inviteID, invitation: draft.invitation, errorInvitees };
    scope.later(await tx.create(draft, scope.outcome && { slot: scope.outcome, result }, session.connectionID));
    pushOffline(scope, draft.invitation, [...draft.changed].filter((id) => draft.user(id)?.state === 'inviting'));
    return result;
  }

  /**
   * Runs a change on an existing invitation; `toResult` makes the answer from the invitation
   * and the change's value (and is what a commit stores for the requestID). The invitation in
   * the answer is a delta holding only the users this request changed, against `baseVersion`
   * (`ChangeAck`): an answer in a class of 1,000 does not carry 1,000 users. The data limit is
   * checked first, so oversized input fails the same way for every inviteID.
   */
  async function change<T, R>(
    session: Session,
    params: { inviteID: string; data?: string | undefined },
    scope: CommandScope,
    apply: (draft: Draft, data: string) => T | Promise<T>,
    toResult: (invitation: Invitation, value: T) => R,
  ): Promise<{ result: R & ChangeAck; value: T }> {
    const data = checkData(params.data, ctx.limits);
    const answer = (delta: MutationDelta, value: T) => ({ ...toResult(delta.invitation, value), ...(delta.baseVersion !== undefined && { baseVersion: delta.baseVersion }) });
    const outcome = scope.outcome && { slot: scope.outcome, result: answer };
    // The answer carries the invitation: the device that asked may be spared the update's echo.
    const { delta, value, publish } = await tx.mutate(params.inviteID, session.userID, (draft) => apply(draft, data), outcome, session.connectionID);
    if (publish) scope.later(publish);
    return { result: answer(delta, value), value };
  }

  /**
   * `change` for operations whose result is the invitation alone (accept, reject, join, …): the
   * same steps without `change`'s async call and its wrapper (a class's answers take this path).
   */
  function operate(session: Session, params: { inviteID: string; data?: string | undefined }, scope: CommandScope, apply: (draft: Draft, data: string) => void): Promise<{ invitation: Invitation } & ChangeAck> {
    let data: string;
    try {
      data = checkData(params.data, ctx.limits);
    } catch (error) {
      return Promise.reject(error as Error);
    }
    const outcome = scope.outcome && { slot: scope.outcome, result: invitationAnswer };
    return tx.mutate(params.inviteID, session.userID, (draft) => apply(draft, data), outcome, session.connectionID).then((m) => {
      if (m.publish) scope.later(m.publish);
      return invitationAnswer(m.delta);
    });
  }

  function requireClientGroups() {
    if (!deps.clientGroups) fail('NO_PERMISSION', 'this server does not let clients manage groups');
  }

  function toMessage(entry: StoredHistoryEntry, self: string): SignalingMessage {
    const [a, b] = entry.key.slice(4).split('|') as [string, string];
    const conversation: SignalingMessage['conversation'] = entry.key.startsWith('group:')
      ? { type: 'group', groupID: entry.key.slice(6) }
      : { type: 'c2c', userID: a === self ? b : a };
    return { messageID: String(entry.seq), conversation, sender: entry.sender, time: entry.time, signaling: entry.signaling };
  }

  return {
    'invitation:invite': (session, params, scope) => invite(session, params, scope),
    'invitation:inviteInGroup': (session, params, scope) => invite(session, params, scope),
    async 'invitation:cancel'(session, p, scope) {
      const apply = (d: Draft, data: string) => cancel(d, session, data, p.invitees);
      return (await change(session, p, scope, apply, (invitation, errorInvitees) => ({ invitation, errorInvitees }))).result;
    },
    'invitation:accept': (session, p, scope) => operate(session, p, scope, (d, data) => answer(d, session, 'accepted', data)),
    'invitation:reject': (session, p, scope) => operate(session, p, scope, (d, data) => answer(d, session, 'rejected', data)),
    'invitation:modify': (session, p, scope) => operate(session, p, scope, (d, data) => modify(d, session, data)),
    async 'invitation:callingInvite'(session, p, scope) {
      const { result, value } = await change(
        session,
        p,
        scope,
        async (d, data) => ({
          errorInvitees: await callingInvite(d, session, p, data, ctx),
          invited: d.stepChanged().filter((u) => u.state === 'inviting').map((u) => u.userID),
        }),
        (invitation, v) => ({ inviteID: p.inviteID, invitation, errorInvitees: v.errorInvitees }),
      );
      pushOffline(scope, result.invitation, value.invited, p.offlinePushInfo);
      return result;
    },
    'invitation:join': (session, p, scope) => operate(session, p, scope, (d, data) => join(d, session, data, ctx)),
    'invitation:quit': (session, p, scope) => operate(session, p, scope, (d, data) => quit(d, session, data)),
    'invitation:end': (session, p, scope) => operate(session, p, scope, (d, data) => end(d, session, data)),
    async 'invitation:received'(session, p, scope) {
      const outcome = scope.outcome && { slot: scope.outcome, result: () => ({}) };
      const { publish } = await tx.mutate(p.inviteID, session.userID, (d) => void markReceived(d, session), outcome);
      if (publish) scope.later(publish);
      return {};
    },
    async 'invitation:get'(session, p) {
      const invitation = await storage.getInvitation(p.inviteID);
      if (!invitation || !(await canSee(invitation, session.userID, groups))) fail('INVITATION_NOT_FOUND', 'no such invitation');
      return { invitation, serverTime: now() };
    },
    async 'invitation:query'(session, p) {
      const page = await storage.listUserInvitations(session.userID, clampPage(p.count), p.nextFlag ?? 0);
      const invitations = (await storage.getInvitations(page.inviteIDs)).filter((inv): inv is Invitation => inv !== undefined);
      return { invitations, nextFlag: page.next };
    },
    async 'history:get'(session, p) {
      const conversation = p.conversation;
      if (conversation.type === 'group' && !(await groups.isMember(conversation.groupID, session.userID))) {
        fail('NOT_GROUP_MEMBER', `you are not a member of ${conversation.groupID}`);
      }
      const page = await storage.getHistory(conversationKey(conversation, session.userID), clampPage(p.count), p.cursor ?? 0);
      return { messages: page.entries.map((e) => toMessage(e, session.userID)), cursor: page.next };
    },
    'session:sync': (session, p) => syncUser({ storage, groups, session, known: p.known, serverTime: now() }),
    async 'session:leave'(session) {
      await deps.devices.leave(session);
      return {};
    },
    async 'session:busy'(session, p) {
      await storage.setDeviceBusy(session.userID, presenceKey(session), p.busy);
      return { busy: p.busy };
    },
    async 'session:pushSubscription'(session, p) {
      if (!webPush || !storage.putPushSubscription || !storage.removePushSubscriptions) {
        fail('NO_PERMISSION', 'this server does not send Web Push (start it with the webPush option)');
      }
      if (p.subscription === null) {
        await storage.removePushSubscriptions(session.userID, { deviceID: session.deviceID });
        return {};
      }
      if (!webPush.isAllowedEndpoint(p.subscription.endpoint)) {
        fail('INVALID_PARAMETER', 'subscription.endpoint: this server does not send pushes to that host');
      }
      const { endpoint, keys, expirationTime } = p.subscription;
      const subscription = { endpoint, keys: { p256dh: keys.p256dh, auth: keys.auth }, ...(expirationTime != null && { expirationTime }) };
      await storage.putPushSubscription(session.userID, { deviceID: session.deviceID, subscription, updatedAt: now() }, ctx.limits.maxDevicesPerUser);
      return {};
    },
    async 'session:missedSeen'(session, p) {
      await storage.clearMissed(session.userID, p.inviteIDs);
      return {};
    },
    async 'group:create'(session, p) {
      requireClientGroups();
      if (await groups.getMembers(p.groupID)) fail('ALREADY_EXISTS', `group ${p.groupID} exists`);
      await groups.createGroup(p.groupID, [...new Set([session.userID, ...(p.members ?? [])])]);
      return { groupID: p.groupID };
    },
    async 'group:join'(session, p) {
      requireClientGroups();
      if (!(await groups.getMembers(p.groupID))) await groups.createGroup(p.groupID, []);
      await groups.addMembers(p.groupID, [session.userID]);
      return { groupID: p.groupID };
    },
    async 'group:leave'(session, p) {
      requireClientGroups();
      await groups.removeMembers(p.groupID, [session.userID]);
      return { groupID: p.groupID };
    },
    /**
     * Relays a media signal (docs/protocol.md, "Media signals"): checked against the stored
     * invitation on every message, so a user who quit, a device that lost its part or a call that
     * ended stops at once. Every refusal about the invitation is the made-up ID's answer.
     */
    async 'media:signal'(session, p, scope) {
      const signal = checkSignal(p.signal, ctx.limits);
      if (p.to === session.userID) fail('INVALID_PARAMETER', 'to: a media signal goes to another participant');
      const invitation = await storage.getInvitation(p.inviteID);
      const device = invitation && mediaSignalTarget(invitation, session, p.to);
      if (device === undefined) fail('INVITATION_NOT_FOUND', 'no such invitation');
      const deliver = deps.deliverMediaSignal;
      if (!deliver) fail('INVALID_STATE', 'this server does not relay media signals');
      // Delivered as a publication: the gateway sends one connection's signals in arrival order.
      scope.later(async () => deliver(p.to, device, { inviteID: p.inviteID, from: session.userID, fromDeviceID: session.deviceID, signal }));
      return {};
    },
    async 'group:members'(session, p) {
      if (!(await groups.isMember(p.groupID, session.userID))) fail('NOT_GROUP_MEMBER', `you are not a member of ${p.groupID}`);
      return { groupID: p.groupID, members: (await groups.getMembers(p.groupID)) ?? [] };
    },
  };
}

/** The answer of an operation whose result is the invitation alone: the delta, and its base when it is one (`change`'s answer, built directly). */
function invitationAnswer(delta: MutationDelta): { invitation: Invitation } & ChangeAck {
  return delta.baseVersion !== undefined ? { invitation: delta.invitation, baseVersion: delta.baseVersion } : { invitation: delta.invitation };
}
