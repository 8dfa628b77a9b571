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

process.on('message', async (msg: { cmd: 'start' | 'stop' | 'exit' }) => {
  if (msg.cmd === 'start') {
    samples = [];
    stop = false;
    running = (async () => {
      while (!stop) {
        samples.push((await pair.sample()).ring);
        await sleep(20);
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
