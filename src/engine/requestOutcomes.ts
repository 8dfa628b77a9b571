/**
 * The request-outcome store, in one place (docs/protocol.md section 4: a requestID's first outcome is
 * answered again to every retry for 5 minutes). A successful change stores its outcome inside the
 * invitation's own atomic commit (`InvitationCommit.requestOutcome`), so no crash can separate the
 * change from the answer a retry gets; outcomes of requests that commit nothing (errors, reads,
 * no-op changes) are stored right after. Transient failures are never stored.
 * @module
 */
import { REQUEST_ID_TTL_MS } from '../protocol/limits.js';
import type { WireAck } from '../protocol/wire.js';
import type { EngineLogger } from './EngineLogger.js';
import type { RequestOutcome, RingkitStorage } from './storage.js';

/**
 * One running request's outcome slot: the gateway opens it, a handler's commit may fill it.
 * @example if (!slot.committed) await outcomes.remember(slot, ack)
 */
export interface RequestOutcomeSlot {
  readonly key: string;
  /** The command and parameters the requestID is bound to (`requestFingerprint`). */
  readonly fingerprint: string;
  /** Set once a commit stored the outcome. */
  committed: boolean;
}

/**
 * The storage key of a user's requestID, or undefined when the request carries none (or one
 * that is not a 1–64 character string).
 * @example requestOutcomeKey('alice', payload.requestID)
 */
export function requestOutcomeKey(userID: string, requestID: unknown): string | undefined {
  if (typeof requestID !== 'string' || requestID.length === 0 || requestID.length > 64) return undefined;
  return `${userID}\u0000${requestID}`;
}

/**
 * Whether an outcome is final (remembered) rather than transient (rate limit, storage down).
 * @example if (isFinal(ack)) await outcomes.remember(slot, ack)
 */
export function isFinal(ack: WireAck<unknown>): boolean {
  return ack.ok || (ack.error.code !== 'RATE_LIMITED' && ack.error.code !== 'INTERNAL');
}

/**
 * The stored form of an acknowledgement, with the fingerprint of the request it answered.
 * @example storage.putRequestOutcome(key, encodeOutcome(ack, slot.fingerprint), REQUEST_ID_TTL_MS)
 */
export function encodeOutcome(ack: WireAck<unknown>, fingerprint: string): string {
  return JSON.stringify({ fingerprint, ack });
}

/**
 * A stored outcome and the fingerprint of the request it answered.
 * @example const earlier: RecalledOutcome<OperationResult> | undefined = await outcomes.recall(key)
 */
export interface RecalledOutcome<T> {
  fingerprint: string;
  ack: WireAck<T>;
}

/**
 * The outcome a commit stores for a slot, once the change's result is known. Its `outcome` is
 * encoded when first read: a storage that keeps the object (the in-memory one) encodes it only
 * if a retry asks for it, which almost never happens (the ack and the fingerprint are not
 * changed after the commit).
 * @example storage.commit({ ..., requestOutcome: outcomeForCommit(slot, { ok: true, result }) })
 */
export function outcomeForCommit(slot: RequestOutcomeSlot, ack: WireAck<unknown>): RequestOutcome {
  return new CommitOutcome(slot, ack);
}

/** `outcomeForCommit`'s outcome: a small object (no closure), as an in-memory store keeps it for minutes. */
class CommitOutcome implements RequestOutcome {
  readonly key: string;
  readonly ttlMs = REQUEST_ID_TTL_MS;
  private encoded: string | undefined;

  constructor(
    private readonly slot: RequestOutcomeSlot,
    private readonly ack: WireAck<unknown>,
  ) {
    this.key = slot.key;
  }

  get outcome(): string {
    return (this.encoded ??= encodeOutcome(this.ack, this.slot.fingerprint));
  }
}

/**
 * Reads and writes outcomes that were not stored by a commit.
 * @example
 * const outcomes = createRequestOutcomes(storage, logger)
 * const earlier = await outcomes.recall(key)
 */
export function createRequestOutcomes(storage: RingkitStorage, logger: EngineLogger) {
  return {
    /** The first outcome stored under `key`, or undefined. */
    async recall<T>(key: string): Promise<RecalledOutcome<T> | undefined> {
      const stored = await storage.getRequestOutcome(key);
      return stored === undefined ? undefined : (JSON.parse(stored) as RecalledOutcome<T>);
    },
    /** Stores a final outcome that no commit stored (the first one stored wins). */
    async remember(slot: RequestOutcomeSlot, ack: WireAck<unknown>): Promise<void> {
      if (slot.committed || !isFinal(ack)) return;
      await storage
        .putRequestOutcome(slot.key, encodeOutcome(ack, slot.fingerprint), REQUEST_ID_TTL_MS)
        .catch((err: unknown) => logger.warn({ err }, 'could not remember a request outcome'));
    },
  };
}
