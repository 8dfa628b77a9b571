/**
 * The configurable limits of docs/protocol.md section 9, with their defaults.
 * @example const limits: RingkitLimits = { ...DEFAULT_LIMITS, maxCallUsers: 4 }
 */
export interface RingkitLimits {
  /** UTF-8 bytes of any `data` field. */
  maxDataBytes: number;
  /** Invitees of one `invite` or `callingInvite`. */
  maxInvitees: number;
  /** Invitees of one `inviteInGroup`. */
  maxGroupInvitees: number;
  /** Users accepted or pending at once in an advanced call, the inviter included. */
  maxCallUsers: number;
  /** Connected devices of one user. */
  maxDevicesPerUser: number;
  /** Largest `timeout` in seconds. */
  maxTimeoutSeconds: number;
  /** Default `timeout` in seconds. */
  defaultTimeoutSeconds: number;
  /** Seconds without an acknowledgement before an invitee becomes `notYetReceived`. */
  notReceivedCheckSeconds: number;
  /** Seconds an inviter (or accepted participant) may be gone before the server acts. */
  callerGraceSeconds: number;
  /** Requests one user may make per second (burst of the same size). */
  requestsPerSecond: number;
  /** socket.io `maxHttpBufferSize`: the largest packet in bytes. */
  maxHttpBufferSize: number;
  /**
   * Bytes the server may hold for one connection that stopped reading: a connection with more than
   * this waiting whose kernel takes none of its bytes for 2 s is closed (it reconnects and
   * resyncs). A burst of any size written in one event-loop turn is not counted against it; a
   * connection that reads but is more than 4 times this behind (not counting the current turn's
   * writes) is closed at once.
   */
  maxOutboundBufferBytes: number;
  /** Packets one connection may send per second (burst: twice that); past it the connection is closed. */
  inboundPacketsPerSecond: number;
  /** Bytes one connection may send per second (burst: twice that); past it the connection is closed. */
  inboundBytesPerSecond: number;
  /** UTF-8 bytes of one media signal (`media:signal`: an SDP or ICE message). */
  maxSignalBytes: number;
  /**
   * Media signals one user may send per second (burst of the same size), a budget of its own beside
   * `requestsPerSecond`: a call's ICE candidates cannot starve the app's requests, nor the reverse.
   */
  mediaSignalsPerSecond: number;
}

/**
 * The defaults docs/protocol.md names.
 * @example createRingkitServer({ limits: { ...DEFAULT_LIMITS, maxInvitees: 4 } })
 */
export const DEFAULT_LIMITS: Readonly<RingkitLimits> = Object.freeze({
  maxDataBytes: 8192,
  maxInvitees: 9,
  maxGroupInvitees: 1000,
  maxCallUsers: 10,
  maxDevicesPerUser: 10,
  maxTimeoutSeconds: 600,
  defaultTimeoutSeconds: 30,
  notReceivedCheckSeconds: 5,
  callerGraceSeconds: 35,
  requestsPerSecond: 50,
  maxHttpBufferSize: 256 * 1024,
  maxOutboundBufferBytes: 4 * 1024 * 1024,
  inboundPacketsPerSecond: 1000,
  inboundBytesPerSecond: 1024 * 1024,
  maxSignalBytes: 64 * 1024,
  mediaSignalsPerSecond: 200,
});

/**
 * How long a `requestID` is remembered (docs/protocol.md section 4).
 * @example REQUEST_ID_TTL_MS // 300000
 */
export const REQUEST_ID_TTL_MS = 5 * 60 * 1000;

/**
 * Largest `count` of `queryInvitations` and `getHistory`.
 * @example client.queryInvitations({ count: MAX_PAGE_SIZE })
 */
export const MAX_PAGE_SIZE = 100;
