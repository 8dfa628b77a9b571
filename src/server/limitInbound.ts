import type { Server as EngineServer, Socket as EngineSocket } from 'engine.io';
import { packetBytes } from './packetBytes.js';

/**
 * Per-connection inbound budget: packets and bytes per second, each a token bucket with a burst
 * of two seconds' worth.
 * @example const budget: InboundBudget = { packetsPerSecond: 1000, bytesPerSecond: 1024 * 1024 }
 */
export interface InboundBudget {
  packetsPerSecond: number;
  bytesPerSecond: number;
}

/**
 * Closes any connection that sends more than its budget, whatever it sends: commands with or
 * without an acknowledgement, unknown events, garbage. Parsing alone costs the server CPU, and
 * events without an acknowledgement never reach the per-user rate limit, so this is what caps
 * the work one socket can cause (issue 13, defect 2). The client reconnects like after any drop.
 * @example limitInbound(io.engine, { packetsPerSecond: 1000, bytesPerSecond: 1 << 20 }, (why) => logger.warn({ why }, 'flood'))
 */
export function limitInbound(engine: EngineServer, budget: InboundBudget, onClose: (why: 'packets' | 'bytes') => void): void {
  engine.on('connection', (conn: EngineSocket) => {
    const packets = bucket(budget.packetsPerSecond);
    const bytes = bucket(budget.bytesPerSecond);
    conn.on('packet', (packet: { type: string; data?: unknown }) => {
      if (packet.type !== 'message' || conn.readyState !== 'open') return;
      const why = !packets.take(1) ? 'packets' : !bytes.take(packetBytes(packet.data)) ? 'bytes' : undefined;
      if (why === undefined) return;
      onClose(why);
      conn.close(true);
    });
  });
}

function bucket(perSecond: number) {
  const capacity = perSecond * 2;
  let tokens = capacity;
  let at = Date.now();
  return {
    take(n: number): boolean {
      const now = Date.now();
      tokens = Math.min(capacity, tokens + ((now - at) / 1000) * perSecond);
      at = now;
      tokens -= n;
      return tokens >= 0;
    },
  };
}
