/**
 * The sounds ringkit ships: pass one as a `src` (`useRingtone`, `createRingtonePlayer`) or leave a
 * component's `ringtone` / `ringback` prop out to get it. They are synthesised in the browser as
 * small WAV files the first time they ring (nothing to download, no licence: ringkit made them).
 * @example useRingtone(builtInTones.ringback, calling)
 */
export const builtInTones = {
  /** An incoming call: a bright double ring (660 + 880 Hz warble), then a pause; 2.5 s per loop. */
  ringtone: 'ringkit:ringtone',
  /** An outgoing call that rings: the classic 440 + 480 Hz tone, 2 s on, 4 s off. */
  ringback: 'ringkit:ringback',
} as const;

/**
 * The name of one of `builtInTones`.
 * @example const tone: BuiltInTone = 'ringback'
 */
export type BuiltInTone = keyof typeof builtInTones;

const RATE = 8000;

/** One loop of each tone as a function of time (seconds) → sample in [-1, 1]. */
const patterns: Record<BuiltInTone, { seconds: number; at(t: number): number }> = {
  ringtone: {
    seconds: 2.5,
    at(t) {
      const on = t < 0.45 || (t >= 0.6 && t < 1.05);
      if (!on) return 0;
      // Two notes alternating 16 times a second: the trill of a desk phone's bell.
      const f = Math.floor(t * 32) % 2 === 0 ? 660 : 880;
      return 0.6 * Math.sin(2 * Math.PI * f * t);
    },
  },
  ringback: {
    seconds: 6,
    at: (t) => (t < 2 ? 0.3 * (Math.sin(2 * Math.PI * 440 * t) + Math.sin(2 * Math.PI * 480 * t)) : 0),
  },
};

/** Short fades at every on/off edge so the loop does not click. */
function envelope(pattern: (t: number) => number, t: number): number {
  const fade = 0.008;
  const edge = (x: number) => pattern(x) !== 0;
  if (!edge(t)) return 0;
  let distance = fade;
  for (const d of [fade / 4, fade / 2, (3 * fade) / 4, fade]) {
    if (!edge(t - d) || !edge(t + d)) {
      distance = Math.min(distance, d);
      break;
    }
  }
  return pattern(t) * Math.min(1, distance / fade);
}

/**
 * One loop of a built-in tone as an 8 kHz, 8-bit mono WAV file (20–48 KB, made in memory).
 * @example new Blob([synthesizeTone('ringtone')], { type: 'audio/wav' })
 */
export function synthesizeTone(tone: BuiltInTone): ArrayBuffer {
  const { seconds, at } = patterns[tone];
  const samples = Math.round(RATE * seconds);
  const buffer = new ArrayBuffer(44 + samples);
  const view = new DataView(buffer);
  const text = (offset: number, value: string) => [...value].forEach((c, i) => view.setUint8(offset + i, c.charCodeAt(0)));
  text(0, 'RIFF');
  view.setUint32(4, 36 + samples, true);
  text(8, 'WAVEfmt ');
  view.setUint32(16, 16, true); // fmt chunk size
  view.setUint16(20, 1, true); // PCM
  view.setUint16(22, 1, true); // mono
  view.setUint32(24, RATE, true);
  view.setUint32(28, RATE, true); // bytes per second
  view.setUint16(32, 1, true); // block align
  view.setUint16(34, 8, true); // bits per sample
  text(36, 'data');
  view.setUint32(40, samples, true);
  for (let i = 0; i < samples; i++) view.setUint8(44 + i, Math.round(128 + 100 * envelope(at, i / RATE)));
  return buffer;
}

const urls = new Map<string, string>();

/**
 * The playable URL of `src`: a blob URL for a built-in tone (made once), `src` itself otherwise;
 * `undefined` where the built-in tones cannot be made (no `URL.createObjectURL`, e.g. jsdom or a server).
 * @example new Audio(playableUrl(builtInTones.ringtone))
 */
export function playableUrl(src: string): string | undefined {
  const tone = (Object.keys(builtInTones) as BuiltInTone[]).find((name) => builtInTones[name] === src);
  if (!tone) return src;
  if (typeof URL.createObjectURL !== 'function' || typeof Blob === 'undefined') return undefined;
  let url = urls.get(tone);
  if (!url) {
    url = URL.createObjectURL(new Blob([synthesizeTone(tone)], { type: 'audio/wav' }));
    urls.set(tone, url);
  }
  return url;
}
