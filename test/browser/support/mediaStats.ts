/**
 * Totals of a peer connection's inbound RTP of one kind: packets, audio energy and decoded
 * frames (what proves media flows: they grow between two samples).
 * @example const before = await inbound(pc, 'audio')
 */
export async function inbound(pc: RTCPeerConnection, kind: 'audio' | 'video') {
  const totals = { packetsReceived: 0, totalAudioEnergy: 0, framesDecoded: 0 };
  (await pc.getStats()).forEach((stat: Record<string, unknown>) => {
    if (stat.type !== 'inbound-rtp' || stat.kind !== kind) return;
    totals.packetsReceived += Number(stat.packetsReceived ?? 0);
    totals.totalAudioEnergy += Number(stat.totalAudioEnergy ?? 0);
    totals.framesDecoded += Number(stat.framesDecoded ?? 0);
  });
  return totals;
}

/**
 * Waits until `check` passes (polling), or throws its last error after `ms`.
 * @example await eventually(() => expect(media.getSnapshot().state).toBe('connected'))
 */
export async function eventually(check: () => unknown | Promise<unknown>, ms = 15_000): Promise<void> {
  const deadline = Date.now() + ms;
  for (;;) {
    try {
      await check();
      return;
    } catch (error) {
      if (Date.now() > deadline) throw error;
      await new Promise((r) => setTimeout(r, 100));
    }
  }
}

/**
 * Asserts that audio (or video) flows into `pc`: packets and energy (or decoded frames) grow
 * between two samples.
 * @example await expectFlowing(pc, 'audio')
 */
export async function flows(pc: RTCPeerConnection, kind: 'audio' | 'video', gapMs = 700): Promise<boolean> {
  const a = await inbound(pc, kind);
  await new Promise((r) => setTimeout(r, gapMs));
  const b = await inbound(pc, kind);
  if (kind === 'video') return b.framesDecoded > a.framesDecoded;
  return b.packetsReceived > a.packetsReceived && b.totalAudioEnergy > a.totalAudioEnergy;
}
