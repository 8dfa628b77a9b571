/**
 * Call quality from `RTCPeerConnection.getStats()`: round-trip time, packet loss and bitrate.
 * @module
 */

/**
 * How a connection is doing, measured over the last sampling interval.
 * @example if (quality.level === 'poor') showHint(`${quality.packetLossPercent}% lost`)
 */
export interface CallQuality {
  /** Round-trip time of the selected ICE candidate pair, in milliseconds. */
  roundTripTimeMs: number | null;
  /** Inbound RTP packets lost in the interval, in percent (0–100). */
  packetLossPercent: number | null;
  /** Received media, kbit/s. */
  inboundKbps: number | null;
  /** Sent media, kbit/s. */
  outboundKbps: number | null;
  /** A summary: `good` (RTT < 300 ms, loss < 3 %), `poor` (RTT ≥ 600 ms or loss ≥ 10 %), else `fair`; `unknown` before two samples. */
  level: 'good' | 'fair' | 'poor' | 'unknown';
}

/**
 * The totals one sample read, kept to compute the next interval.
 * @example const first: QualitySample = { at: 0, bytesIn: 0, bytesOut: 0, packetsReceived: 0, packetsLost: 0 }
 */
export interface QualitySample {
  at: number;
  bytesIn: number;
  bytesOut: number;
  packetsReceived: number;
  packetsLost: number;
}

/**
 * Quality before anything was measured.
 * @example if (snapshot.quality === UNKNOWN_QUALITY) showMeasuring()
 */
export const UNKNOWN_QUALITY: CallQuality = { roundTripTimeMs: null, packetLossPercent: null, inboundKbps: null, outboundKbps: null, level: 'unknown' };

type Stat = Record<string, unknown> & { type: string; id: string };

/**
 * Reads one stats report against the previous sample.
 * @example const { quality, sample } = readQuality(await pc.getStats(), previous)
 */
export function readQuality(report: RTCStatsReport, previous: QualitySample | undefined, now = performance.now()): { quality: CallQuality; sample: QualitySample } {
  const sample: QualitySample = { at: now, bytesIn: 0, bytesOut: 0, packetsReceived: 0, packetsLost: 0 };
  let rtt: number | null = null;
  let remoteRtt: number | null = null;
  report.forEach((value) => {
    const stat = value as Stat;
    const num = (key: string) => (typeof stat[key] === 'number' ? (stat[key] as number) : 0);
    if (stat.type === 'inbound-rtp') {
      sample.bytesIn += num('bytesReceived');
      sample.packetsReceived += num('packetsReceived');
      sample.packetsLost += Math.max(0, num('packetsLost'));
    } else if (stat.type === 'outbound-rtp') {
      sample.bytesOut += num('bytesSent');
    } else if (stat.type === 'candidate-pair' && stat.nominated === true && stat.state === 'succeeded' && typeof stat.currentRoundTripTime === 'number') {
      rtt = Math.round((stat.currentRoundTripTime as number) * 1000);
    } else if (stat.type === 'remote-inbound-rtp' && typeof stat.roundTripTime === 'number') {
      remoteRtt = Math.round((stat.roundTripTime as number) * 1000);
    }
  });
  const roundTripTimeMs = rtt ?? remoteRtt;
  if (!previous || now <= previous.at) return { quality: { ...UNKNOWN_QUALITY, roundTripTimeMs }, sample };
  const seconds = (now - previous.at) / 1000;
  const received = sample.packetsReceived - previous.packetsReceived;
  const lost = sample.packetsLost - previous.packetsLost;
  const packetLossPercent = received + lost > 0 ? Math.round((Math.max(0, lost) / (received + lost)) * 1000) / 10 : 0;
  const kbps = (bytes: number) => Math.max(0, Math.round((bytes * 8) / 1000 / seconds));
  const quality: CallQuality = {
    roundTripTimeMs,
    packetLossPercent,
    inboundKbps: kbps(sample.bytesIn - previous.bytesIn),
    outboundKbps: kbps(sample.bytesOut - previous.bytesOut),
    level: qualityLevel(roundTripTimeMs, packetLossPercent),
  };
  return { quality, sample };
}

/**
 * The summary level of a round-trip time and a loss rate.
 * @example qualityLevel(120, 0.5) // 'good'
 */
export function qualityLevel(roundTripTimeMs: number | null, packetLossPercent: number | null): CallQuality['level'] {
  const rtt = roundTripTimeMs ?? 0;
  const loss = packetLossPercent ?? 0;
  if (rtt >= 600 || loss >= 10) return 'poor';
  if (rtt >= 300 || loss >= 3) return 'fair';
  return 'good';
}

/**
 * The worst of several connections' quality (a mesh call is as good as its worst link).
 * @example const overall = worstQuality(peers.map((p) => p.quality))
 */
export function worstQuality(all: readonly CallQuality[]): CallQuality {
  const order = { unknown: 0, good: 1, fair: 2, poor: 3 } as const;
  return all.reduce<CallQuality>((worst, q) => (order[q.level] > order[worst.level] ? q : worst), all[0] ?? UNKNOWN_QUALITY);
}
