/**
 * An unrelated one-to-one pair in its own process (forked by `startProbe`): calls
 * invite → ring → reject in a loop while told to, so its latency shows the server's fairness,
 * not the load of the process that hosts a thousand class members.
 */
import { openRingkitPair } from './latency.js';
import { writeFileSync } from 'node:fs';
import { sleep } from './stats.js';

const { url, prefix } = JSON.parse(process.env.BENCH_PROBE ?? '{}') as { url: string; prefix: string };
const pair = await openRingkitPair(url, url, `${prefix}-x`, `${prefix}-y`, 'reject');
let samples: number[] = [];
/** `BENCH_TRACE_DIR`: each sample's invite and ring in monotonic ms (hrtime, shared by every process), with its set. */
const trace: { set: number; t0: number; ring: number }[] = [];
let set = 0;
if (process.env.BENCH_TRACE_DIR) writeFileSync(`${process.env.BENCH_TRACE_DIR}/probe.pid`, String(process.pid));
const monoOffset = Number(process.hrtime.bigint()) / 1e6 - performance.now();
let running: Promise<void> | undefined;
let stop = false;
/**
 * Pause between two calls: short enough that a round of the class of 200 (about 0.2 s) still
 * yields some 20 samples, so the p99 over three rounds is not simply the slowest of a handful.
 */
const PAUSE_MS = 5;

process.on('message', async (msg: { cmd: 'start' | 'stop' | 'exit' }) => {
  if (msg.cmd === 'start') {
    samples = [];
    stop = false;
    running = (async () => {
      set++;
      while (!stop) {
        const t0 = performance.now();
        const ring = (await pair.sample()).ring;
        samples.push(ring);
        trace.push({ set, t0: t0 + monoOffset, ring });
        await sleep(PAUSE_MS);
      }
    })();
  } else if (msg.cmd === 'stop') {
    stop = true;
    await running;
    process.send!({ samples });
  } else {
    if (process.env.BENCH_TRACE_DIR) writeFileSync(`${process.env.BENCH_TRACE_DIR}/probe.json`, JSON.stringify(trace));
    pair.close();
    process.exit(0);
  }
});
process.send!({ ready: true });
