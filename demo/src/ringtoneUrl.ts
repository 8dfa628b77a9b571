/**
 * The demo's ringtone, synthesised once as a WAV file in memory (two seconds: a 440+480 Hz double
 * ring, then silence), so the page ships no sound file. Real apps pass their own sound's URL.
 * @example <RingingDialog ringtone={ringtoneUrl()} />
 */
export function ringtoneUrl(): string {
  cached ??= URL.createObjectURL(new Blob([ringWav()], { type: 'audio/wav' }));
  return cached;
}

let cached: string | undefined;

/** 8 kHz, 8-bit mono PCM: 0.4 s tone, 0.2 s pause, 0.4 s tone, 1 s pause. */
function ringWav(): ArrayBuffer {
  const rate = 8000;
  const tone = (t: number) => (t < 0.4 || (t >= 0.6 && t < 1.0) ? (Math.sin(2 * Math.PI * 440 * t) + Math.sin(2 * Math.PI * 480 * t)) / 2 : 0);
  const samples = rate * 2;
  const buffer = new ArrayBuffer(44 + samples);
  const view = new DataView(buffer);
  const text = (offset: number, value: string) => [...value].forEach((c, i) => view.setUint8(offset + i, c.charCodeAt(0)));
  text(0, 'RIFF');
  view.setUint32(4, 36 + samples, true);
  text(8, 'WAVEfmt ');
  view.setUint32(16, 16, true); // fmt chunk size
  view.setUint16(20, 1, true); // PCM
  view.setUint16(22, 1, true); // mono
  view.setUint32(24, rate, true);
  view.setUint32(28, rate, true); // bytes per second
  view.setUint16(32, 1, true); // block align
  view.setUint16(34, 8, true); // bits per sample
  text(36, 'data');
  view.setUint32(40, samples, true);
  for (let i = 0; i < samples; i++) view.setUint8(44 + i, Math.round(128 + 48 * tone(i / rate)));
  return buffer;
}
