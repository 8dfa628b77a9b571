/**
 * An unrelated one-to-one pair in its own process (forked by `startProbe`): calls
 * invite → ring → reject in a loop while told to, so its latency shows the server's fairness,
 * not the load of the process that hosts a thousand class members.
 */
import { openRingkitPair } from './latency.js';
import { sleep } from './stats.js';

const { url, prefix } = JSON.parse(process.env.BENCH_PROBE ?? '{}') as { url: string; prefix: string };
const pair = await openRingkitPair(url, url, `${prefix}-x`, `${prefix}-y`, 'reject');
let samples: number[] = [];
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
      while (!stop) {
        samples.push((await pair.sample()).ring);
        await sleep(PAUSE_MS);
      }
    })();
  } else if (msg.cmd === 'stop') {
    stop = true;
    await running;
    process.send!({ samples });
  } else {
    pair.close();
    process.exit(0);
  }
});
process.send!({ ready: true });
