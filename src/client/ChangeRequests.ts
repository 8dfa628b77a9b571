import { RingkitError } from '../protocol/errors.js';
import type { CommandAck, CommandName, CommandParams, CommandResult } from '../protocol/commands.js';
import type { Invitation } from '../protocol/types.js';
import type { ChangeAck, WireUpdate } from '../protocol/wire.js';
import type { ConnectionTracker } from './ConnectionTracker.js';
import { APPLIED, type InvitationMirror } from './InvitationMirror.js';
import { mergeUpdate } from './mergeUpdate.js';
import { requestWithRetry } from './requestWithRetry.js';
import type { Transport } from './Transport.js';

/** Commands that change something and so carry a requestID. */
export type MutatingCommand = { [N in CommandName]: 'requestID' extends keyof CommandParams<N> ? N : never }[CommandName];

/** What sending changes needs from the client that owns it. */
export interface ChangeRequestsOptions {
  transport: Transport;
  connection: ConnectionTracker;
  mirror: InvitationMirror;
  requestTimeoutMs: number;
  /** The server's clock as the client estimates it (ms). */
  serverNow(): number;
}

/** The commands whose answer is a change of one invitation (a `ChangeAck`). */
const CHANGE_ANSWERS: ReadonlySet<string> = new Set([
  'invitation:invite', 'invitation:inviteInGroup', 'invitation:cancel', 'invitation:accept', 'invitation:reject',
  'invitation:modify', 'invitation:callingInvite', 'invitation:join', 'invitation:quit', 'invitation:end',
]);

/**
 * Sends the changes of a `SignalingClient` and brings their answers into its mirror. The server
 * sends the device that asked for a change of a small invitation no update of it, only the
 * answer, so an answer is mirrored as it arrives, among the updates in the order the connection
 * brought them; an answer given again to a retried request (`replayed`) may be old, so the
 * invitation is then fetched as it is now; and a change whose answer timed out may have been made
 * all the same, so its invitation is fetched too.
 * @example
 * const changes = new ChangeRequests({ transport, connection, mirror, requestTimeoutMs: 10_000, serverNow })
 * transport.open({ ..., onAnswer: (name, ack) => changes.mirrorAnswer(name, ack) })
 * const { inviteID } = await changes.send('invitation:invite', { invitees: ['bob'] })
 */
export class ChangeRequests {
  /** The answer of a change (its result object) → its update still waiting its turn in the mirror (none when applied at once). */
  private readonly answersMirrored = new WeakMap<object, Promise<void>>();
  /**
   * The last answer `mirrorAnswer` applied at once: `mirrored` need not apply it again (the common
   * case; any other answer is applied again, which changes nothing once it is in the mirror).
   */
  private appliedAtOnce: object | undefined;
  /**
   * The requestIDs this client makes: one random UUID per client, then a counter (a UUID per
   * request cost more than the rest of sending it; unique all the same, per user and for good).
   * Drawn at the first request, not when the client is made: a client made while a page is
   * prerendered (Next.js) must draw no random number.
   */
  private requestIDPrefix: string | undefined;
  private requestsMade = 0;
  /** inviteID → this device's accept or reject still waiting for its answer. */
  private readonly answers = new Map<string, Promise<unknown>>();

  constructor(private readonly options: ChangeRequestsOptions) {}

  /** This device's accept or reject of `inviteID` while it waits for its answer (it stands in for the receipt, see InvitationMirror). */
  answering(inviteID: string): Promise<unknown> | undefined {
    return this.answers.get(inviteID);
  }

  /** Sends this device's accept or reject, remembered while it is on its way. */
  answer<N extends 'invitation:accept' | 'invitation:reject'>(name: N, params: CommandParams<N>): Promise<CommandResult<N>> {
    const { inviteID } = params as { inviteID: string };
    const sent = this.send(name, params);
    this.answers.set(inviteID, sent);
    const done = () => void (this.answers.get(inviteID) === sent && this.answers.delete(inviteID));
    sent.then(done, done);
    return sent;
  }

  /**
   * Sends a change with a requestID (made when absent, written into `params`: the callers pass a
   * literal of their own), resent after a lost link with the same one, and returns its answer
   * with the invitation as the mirror now holds it.
   */
  send<N extends MutatingCommand>(name: N, params: CommandParams<N>): Promise<CommandResult<N>> {
    const { transport, connection, requestTimeoutMs } = this.options;
    let replayed = false;
    params.requestID ??= `${(this.requestIDPrefix ??= crypto.randomUUID())}.${(++this.requestsMade).toString(36)}`;
    return requestWithRetry(transport, connection, name, params, { retry: true, timeoutMs: requestTimeoutMs, onReplayed: () => (replayed = true) }).then(
      (result) => this.mirrored(result as CommandResult<N> & { invitation?: Invitation } & ChangeAck, replayed),
      (error: unknown) => {
        const inviteID = (params as { inviteID?: unknown }).inviteID;
        if (error instanceof RingkitError && error.code === 'REQUEST_TIMEOUT' && typeof inviteID === 'string') void this.catchUp(inviteID);
        throw error;
      },
    );
  }

  /**
   * The answer of a change once its invitation is in the mirror, with the mirror's copy of it: at
   * once when the answer was applied as it arrived (the common case), else after its turn (and,
   * for a replayed answer, after fetching the invitation as it is now).
   */
  private mirrored<R extends { invitation?: Invitation } & ChangeAck>(result: R, replayed: boolean): R | Promise<R> {
    if (!result.invitation) return result;
    const { invitation, baseVersion } = result;
    delete result.baseVersion;
    const update: WireUpdate = { invitation, serverTime: this.options.serverNow() };
    if (baseVersion !== undefined) update.baseVersion = baseVersion;
    let mirroring: Promise<void>;
    if (this.appliedAtOnce === result) {
      this.appliedAtOnce = undefined;
      mirroring = APPLIED;
    } else mirroring = this.answersMirrored.get(result) ?? this.options.mirror.apply(update, 'ack');
    if (mirroring === APPLIED && !replayed) return this.withMirrorCopy(result, update);
    return (async () => {
      await mirroring;
      if (replayed) await this.catchUp(invitation.inviteID);
      return this.withMirrorCopy(result, update);
    })();
  }

  /** Puts the mirror's copy of the answer's invitation in the answer. */
  private withMirrorCopy<R extends { invitation?: Invitation }>(result: R, update: WireUpdate): R {
    const { invitation } = update;
    const mirrored = this.options.mirror.get(invitation.inviteID);
    // A mirror behind the delta's base catches up from the push that follows; meanwhile the
    // caller gets the mirror with its own change applied.
    result.invitation = mirrored && mirrored.version >= invitation.version ? mirrored : (mergeUpdate(mirrored, { ...update, baseVersion: 0 }) ?? invitation);
    return result;
  }

  /** Queues the answer of a change for the mirror as it arrives (the transport's `onAnswer`). */
  mirrorAnswer(name: CommandName, ack: CommandAck<CommandName>): void {
    if (!ack.ok || !CHANGE_ANSWERS.has(name)) return;
    const result = ack.result as { invitation?: Invitation; baseVersion?: number } | null;
    if (!result?.invitation) return;
    const update: WireUpdate = { invitation: result.invitation, serverTime: this.options.serverNow() };
    if (result.baseVersion !== undefined) update.baseVersion = result.baseVersion;
    const mirroring = this.options.mirror.apply(update, 'ack');
    if (mirroring !== APPLIED) this.answersMirrored.set(result, mirroring);
    else this.appliedAtOnce = result;
  }

  /**
   * Brings one invitation in the mirror to the server's current version (`invitation:get`). The
   * first try is awaited; when it fails for a passing reason (not connected, storage away) it is
   * tried again in the background, with backoff, until it succeeds, the invitation is gone, or
   * the app disconnects.
   */
  private async catchUp(inviteID: string): Promise<void> {
    const { transport, connection, mirror, requestTimeoutMs } = this.options;
    const attempt = async (): Promise<boolean> => {
      try {
        const { invitation, serverTime } = await requestWithRetry(transport, connection, 'invitation:get', { inviteID }, { retry: false, timeoutMs: requestTimeoutMs });
        await mirror.apply({ invitation, serverTime }, 'fetch');
        return true;
      } catch (error) {
        return error instanceof RingkitError && error.code === 'INVITATION_NOT_FOUND';
      }
    };
    if (await attempt()) return;
    const gone = (): boolean => connection.state === 'disconnected';
    void (async () => {
      for (let delay = 250; !gone(); delay = Math.min(delay * 2, 4000)) {
        await new Promise((resolve) => setTimeout(resolve, delay));
        if (gone() || (await attempt())) return;
      }
    })();
  }
}
