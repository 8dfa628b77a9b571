import { execFileSync } from 'node:child_process';
import { command, startSentinelDeployment } from '../test/support/startSentinelDeployment.js';
import { openRingkitPair } from './latency.js';
import { spawnBenchServer, type BenchServer } from './spawnBenchServer.js';
import { cyclesPerSecond, sleep, summarize, type Summary } from './stats.js';

/** What one Redis costs and carries, and what waiting for a replica costs. */
export interface RedisCapacityResult {
  /** invite → inviteeAccepted without and with `WAIT 1` after each commit (interleaved samples). */
  noWait: Summary;
  withWait: Summary;
  /** Cycles per second with 64 cycles in flight on one node, without and with the wait (alternating phases). */
  noWaitCyclesPerSecond: number;
  withWaitCyclesPerSecond: number;
  /** Per invite→accept cycle (sequential, one node, no wait): Redis commands by name, bytes, Redis and node CPU. */
  perCall: {
    cycles: number;
    commands: number;
    byCommand: Record<string, number>;
    bytesIn: number;
    bytesOut: number;
    replicationBytes: number;
    redisCpuMs: number;
    nodeCpuMs: number;
  };
  /** Node CPU per cycle and cycles/s with 64 in flight over Redis (no wait). */
  nodeCpuMsPerCycleUnderLoad: number;
  /** redis-benchmark on the same primary: SET and an EVALSHA of a small script, requests/s (pipeline 16, 50 clients). */
  redisBenchmark: Record<string, number>;
}

/** `INFO <section>` of the server on `port` as field → number. */
async function info(port: number, section: string): Promise<Record<string, string>> {
  const out: Record<string, string> = {};
  for (const line of (await command(port, `INFO ${section}`)).split('\r\n')) {
    const i = line.indexOf(':');
    if (i > 0 && !line.startsWith('$')) out[line.slice(0, i)] = line.slice(i + 1);
  }
  return out;
}

/** Calls per command name from `INFO commandstats` (`cmdstat_evalsha:calls=12,...`). */
function callsByCommand(stats: Record<string, string>): Record<string, number> {
  const out: Record<string, number> = {};
  for (const [key, value] of Object.entries(stats)) if (key.startsWith('cmdstat_')) out[key.slice(8)] = Number(/calls=(\d+)/.exec(value)?.[1] ?? 0);
  return out;
}

/**
 * A primary and its replica (redis-server on loopback TCP, asynchronous replication as in
 * production) under two ringkit nodes, one acknowledging commits at once, one after `WAIT 1 500`.
 * Measures the wait's cost (latency interleaved, throughput alternating), then what one
 * invite→accept cycle costs Redis (commands from `INFO commandstats`, bytes, Redis CPU), and
 * what Redis does at saturation on this machine (redis-benchmark).
 * @example await measureRedisCapacity(300)
 */
export async function measureRedisCapacity(rounds: number, phaseMs: number): Promise<RedisCapacityResult> {
  const redis = await startSentinelDeployment('bench', { sentinels: 0 });
  const redisUrl = `redis://127.0.0.1:${redis.primaryPort}`;
  const servers: BenchServer[] = [];
  try {
    const [plain, waiting] = await Promise.all([
      spawnBenchServer({ kind: 'ringkit', redisUrl, keyPrefix: 'plain:', waitForReplicas: 0 }),
      spawnBenchServer({ kind: 'ringkit', redisUrl, keyPrefix: 'wait:', waitForReplicas: 1 }),
    ]);
    servers.push(plain, waiting);

    // 1. Latency with and without the wait, interleaved.
    const a = await openRingkitPair(plain.url, plain.url, 'lat-a', 'lat-b');
    const b = await openRingkitPair(waiting.url, waiting.url, 'lat-a', 'lat-b');
    const noWait: number[] = [];
    const withWait: number[] = [];
    for (let i = 0; i < rounds + 10; i++) {
      const x = await a.sample();
      const y = await b.sample();
      await sleep(1);
      if (i < 10) continue;
      noWait.push(x.answered);
      withWait.push(y.answered);
    }
    a.close();
    b.close();

    // 2. Throughput, 64 in flight, alternating phases.
    const plainPairs = await Promise.all(Array.from({ length: 64 }, (_, i) => openRingkitPair(plain.url, plain.url, `t${i}-a`, `t${i}-b`)));
    const waitPairs = await Promise.all(Array.from({ length: 64 }, (_, i) => openRingkitPair(waiting.url, waiting.url, `t${i}-a`, `t${i}-b`)));
    await cyclesPerSecond(plainPairs, 300);
    await cyclesPerSecond(waitPairs, 300);
    const rates = { plain: [] as number[], wait: [] as number[] };
    let plainCpu = 0;
    let plainCycles = 0;
    for (let phase = 0; phase < 2; phase++) {
      const c0 = (await plain.stats()).cpuMs;
      const r = await cyclesPerSecond(plainPairs, phaseMs);
      plainCpu += (await plain.stats()).cpuMs - c0;
      plainCycles += r * (phaseMs / 1000);
      rates.plain.push(r);
      rates.wait.push(await cyclesPerSecond(waitPairs, phaseMs));
    }
    for (const p of [...plainPairs, ...waitPairs]) p.close();

    // 3. What one cycle costs Redis: sequential cycles on the plain node, nothing else running.
    const pair = await openRingkitPair(plain.url, plain.url, 'cost-a', 'cost-b');
    for (let i = 0; i < 20; i++) await pair.sample();
    await sleep(200);
    const cycles = Math.max(50, rounds);
    const [cmd0, stats0, cpu0, node0] = [await info(redis.primaryPort, 'commandstats'), await info(redis.primaryPort, 'stats'), await info(redis.primaryPort, 'cpu'), await plain.stats()];
    for (let i = 0; i < cycles; i++) await pair.sample();
    await sleep(200); // the receipts and the last publications
    const [cmd1, stats1, cpu1, node1] = [await info(redis.primaryPort, 'commandstats'), await info(redis.primaryPort, 'stats'), await info(redis.primaryPort, 'cpu'), await plain.stats()];
    pair.close();
    const before = callsByCommand(cmd0);
    const byCommand: Record<string, number> = {};
    for (const [name, calls] of Object.entries(callsByCommand(cmd1))) {
      const delta = calls - (before[name] ?? 0);
      if (delta > 0 && name !== 'info') byCommand[name] = Math.round((delta / cycles) * 100) / 100;
    }
    const num = (o: Record<string, string>, k: string) => Number(o[k] ?? 0);
    const redisCpu = (o: Record<string, string>) => (num(o, 'used_cpu_user') + num(o, 'used_cpu_sys')) * 1000;

    // 4. Redis alone at saturation on this machine.
    const redisBenchmark: Record<string, number> = {};
    try {
      const out = execFileSync(
        'redis-benchmark',
        ['-h', '127.0.0.1', '-p', String(redis.primaryPort), '-q', '-n', '200000', '-c', '50', '-P', '16', '-r', '100000', 'SET', 'bench:key:__rand_int__', 'x'.repeat(64)],
        { encoding: 'utf8', timeout: 60_000 },
      );
      redisBenchmark.setPipelined = Number(/([\d.]+) requests per second/.exec(out)?.[1] ?? NaN);
      const evalOut = execFileSync(
        'redis-benchmark',
        ['-h', '127.0.0.1', '-p', String(redis.primaryPort), '-q', '-n', '100000', '-c', '50', '-r', '100000', 'EVAL', "redis.call('HSET', KEYS[1], 'j', ARGV[1]); redis.call('ZADD', KEYS[2], ARGV[2], KEYS[1]); return 1", '2', 'bench:inv:__rand_int__', 'bench:timers', 'x'.repeat(600), '__rand_int__'],
        { encoding: 'utf8', timeout: 60_000 },
      );
      redisBenchmark.evalTwoWrites = Number(/([\d.]+) requests per second/.exec(evalOut)?.[1] ?? NaN);
    } catch {
      // redis-benchmark missing: the rest stands
    }

    return {
      noWait: summarize(noWait),
      withWait: summarize(withWait),
      noWaitCyclesPerSecond: rates.plain.reduce((x, y) => x + y, 0) / rates.plain.length,
      withWaitCyclesPerSecond: rates.wait.reduce((x, y) => x + y, 0) / rates.wait.length,
      perCall: {
        cycles,
        commands: Object.values(byCommand).reduce((x, y) => x + y, 0),
        byCommand,
        bytesIn: (num(stats1, 'total_net_input_bytes') - num(stats0, 'total_net_input_bytes')) / cycles,
        bytesOut: (num(stats1, 'total_net_output_bytes') - num(stats0, 'total_net_output_bytes')) / cycles,
        replicationBytes: (num(stats1, 'total_net_repl_output_bytes') - num(stats0, 'total_net_repl_output_bytes')) / cycles,
        redisCpuMs: (redisCpu(cpu1) - redisCpu(cpu0)) / cycles,
        nodeCpuMs: (node1.cpuMs - node0.cpuMs) / cycles,
      },
      nodeCpuMsPerCycleUnderLoad: plainCpu / plainCycles,
      redisBenchmark,
    };
  } finally {
    await Promise.all(servers.map((s) => s.stop()));
    await redis.stop();
  }
}
