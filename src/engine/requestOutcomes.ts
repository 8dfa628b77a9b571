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
import { requestFingerprint } from './requestFingerprint.js';
import type { KeptOutcome, RequestOutcome, RingkitStorage } from './storage.js';

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
  /**
   * The fingerprint in a form that is cheap to make and to keep (`packRequest`), for an outcome
   * kept for minutes that hashes it only if a retry asks. Without it, `fingerprint`.
   */
  packedFingerprint?(): string;
}

/**
 * A request packed for its fingerprint: the command and its parameters as one flat string (a
 * plain `JSON.stringify([name, payload])`, a fifth of the canonical hash's cost), hashed by
 * `fingerprintOf` only when compared; the hash itself when the payload has no JSON form. JSON
 * keeps everything the fingerprint depends on (it is computed from JSON too), so
 * `fingerprintOf(packRequest(name, payload)) === requestFingerprint(name, payload)`.
 * @example fingerprintOf(packRequest('invitation:cancel', { inviteID, requestID: 'r1' })) === requestFingerprint('invitation:cancel', { inviteID, requestID: 'r1' })
 */
export function packRequest(name: string, payload: unknown): string {
  try {
    return JSON.stringify([name, payload]);
  } catch {
    return requestFingerprint(name, payload);
  }
}

/**
 * The fingerprint of a request packed by `packRequest` (or the fingerprint itself: a hash is
 * base 36, never a JSON array).
 * @example fingerprintOf(slot.packedFingerprint()) === slot.fingerprint
 */
export function fingerprintOf(packed: string): string {
  if (!packed.startsWith('[')) return packed;
  const [name, payload] = JSON.parse(packed) as [string, unknown];
  return requestFingerprint(name, payload);
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
function isFinal(ack: WireAck<unknown>): boolean {
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
 * The outcome a commit stores for a slot, once the change's result is known (its ack is
 * `{ ok: true, result }`). Its `outcome` is encoded when read: a storage that keeps the object
 * (the in-memory one, through `keep`) encodes it only if a retry asks for it, which almost never
 * happens (the result and the request are not changed after the commit).
 * @example storage.commit({ ..., requestOutcomes: [outcomeForCommit(slot, result)] })
 */
export function outcomeForCommit(slot: RequestOutcomeSlot, result: unknown): RequestOutcome {
  return new CommitOutcome(slot, result);
}

/**
 * `outcomeForCommit`'s outcome, and the form a store keeps it in: one small object (no closure,
 * no wrapper) holding the result and, once kept, the packed request instead of the slot (its
 * payload's objects), as an in-memory store keeps 50,000 of them for minutes and every garbage
 * collection traces what they hold.
 */
class CommitOutcome implements RequestOutcome, KeptOutcome {
  readonly key: string;
  expires = 0;
  /** The request's slot until kept, then its packed fingerprint (`packRequest`). */
  private request: RequestOutcomeSlot | string;

  constructor(
    slot: RequestOutcomeSlot,
    private readonly result: unknown,
  ) {
    this.key = slot.key;
    this.request = slot;
  }

  get ttlMs(): number {
    return REQUEST_ID_TTL_MS;
  }

  get outcome(): string {
    const request = this.request;
    return encodeOutcome({ ok: true, result: this.result }, typeof request === 'string' ? fingerprintOf(request) : request.fingerprint);
  }

  keep(expires: number): KeptOutcome {
    this.expires = expires;
    const request = this.request;
    if (typeof request !== 'string') this.request = request.packedFingerprint?.() ?? request.fingerprint;
    return this;
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
    recall<T>(key: string): Promise<RecalledOutcome<T> | undefined> {
      // No async frame of its own: every command with a requestID asks.
      return storage.getRequestOutcome(key).then(decodeRecalled) as Promise<RecalledOutcome<T> | undefined>;
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

/** A stored outcome as `recall` answers it. */
function decodeRecalled(stored: string | undefined): RecalledOutcome<unknown> | undefined {
  return stored === undefined ? undefined : (JSON.parse(stored) as RecalledOutcome<unknown>);
}
