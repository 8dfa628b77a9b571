import type { Page } from 'playwright-core';

/**
 * A page script (run before the demo's own) that keeps every RTCPeerConnection the page makes
 * and every track getUserMedia hands out, where `mediaReport` reads them — the way an
 * independent check observes a page's media without help from the app.
 * @example const demo = openDemo(browser(), inject('demoUrl'), { initScript: watchMedia })
 */
export function watchMedia(): void {
  const w = window as unknown as { __pcs: RTCPeerConnection[]; __tracks: MediaStreamTrack[] };
  w.__pcs = [];
  w.__tracks = [];
  const Original = window.RTCPeerConnection;
  window.RTCPeerConnection = class extends Original {
    constructor(...args: ConstructorParameters<typeof RTCPeerConnection>) {
      super(...args);
      w.__pcs.push(this);
    }
  } as typeof RTCPeerConnection;
  const getUserMedia = navigator.mediaDevices.getUserMedia.bind(navigator.mediaDevices);
  navigator.mediaDevices.getUserMedia = async (constraints) => {
    const stream = await getUserMedia(constraints);
    w.__tracks.push(...stream.getTracks());
    return stream;
  };
}

/**
 * What a page's media are doing: open peer connections, live capture tracks, and (over `gapMs`)
 * whether inbound audio/video grows on its open connections, plus each one's ICE username fragment.
 * @example const { open, live } = await mediaReport(alice)
 */
export async function mediaReport(page: Page, gapMs = 800) {
  return page.evaluate(async (gap) => {
    const w = window as unknown as { __pcs: RTCPeerConnection[]; __tracks: MediaStreamTrack[] };
    const open = w.__pcs.filter((pc) => pc.connectionState !== 'closed');
    const totals = async () =>
      Promise.all(
        open.map(async (pc) => {
          const t = { packets: 0, energy: 0, frames: 0 };
          (await pc.getStats()).forEach((s: Record<string, unknown>) => {
            if (s.type !== 'inbound-rtp') return;
            if (s.kind === 'audio') {
              t.packets += Number(s.packetsReceived ?? 0);
              t.energy += Number(s.totalAudioEnergy ?? 0);
            } else t.frames += Number(s.framesDecoded ?? 0);
          });
          return t;
        }),
      );
    const before = await totals();
    await new Promise((r) => setTimeout(r, gap));
    const after = await totals();
    return {
      made: w.__pcs.length,
      open: open.length,
      live: w.__tracks.filter((t) => t.readyState === 'live').length,
      captured: w.__tracks.length,
      audioFlows: open.length > 0 && after.every((a, i) => a.packets > before[i]!.packets && a.energy > before[i]!.energy),
      videoFlows: open.length > 0 && after.every((a, i) => a.frames > before[i]!.frames),
      ufrags: open.map((pc) => /a=ice-ufrag:(\S+)/.exec(pc.localDescription?.sdp ?? '')?.[1] ?? ''),
    };
  }, gapMs);
}
