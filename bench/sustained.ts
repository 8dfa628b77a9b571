import { writeFileSync } from 'node:fs';
import { Session } from 'node:inspector/promises';
import type { BenchServer } from './spawnBenchServer.js';
import { openBareRelay, openRingkitPair } from './latency.js';
import { cyclesPerSecond } from './stats.js';

/** Result of the sustained run. */
export interface SustainedResult {
  bareRelaysPerSecond: number;
  ringkitCyclesPerSecond: number;
  ringkitServerCpuMsPerCycle: number;
  bareServerCpuMsPerRelay: number;
  /** CPU of this (the clients') process per cycle / per relay: the clients share the machine with the server. */
  ringkitClientCpuMsPerCycle: number;
  bareClientCpuMsPerRelay: number;
}

/** This process's CPU time so far (ms). */
const ownCpuMs = () => {
  const cpu = process.cpuUsage();
  return (cpu.user + cpu.system) / 1000;
};

/**
 * 64 invite→accept cycles in flight (64 pairs) against 64 bare relays in flight, alternating
 * phases of `phaseMs` so both see the same machine. Optionally profiles the ringkit server
 * (`profilePath`) and this process, the clients' side (`profilePath` with `-clients` before the extension).
 * @example await measureSustained(bare, ringkit, 64, 3000)
 */
export async function measureSustained(bare: BenchServer, ringkit: BenchServer, inFlight: number, phaseMs: number, profilePath?: string): Promise<SustainedResult> {
  const relays = await Promise.all(Array.from({ length: inFlight }, (_, i) => openBareRelay(bare.url, `sus${i}-`)));
  const pairs = await Promise.all(Array.from({ length: inFlight }, (_, i) => openRingkitPair(ringkit.url, ringkit.url, `sus${i}-a`, `sus${i}-b`)));
  await cyclesPerSecond(pairs, 300); // warm-up
  await cyclesPerSecond(relays, 300);
  const bareRates: number[] = [];
  const ringkitRates: number[] = [];
  let ringkitCpu = 0;
  let bareCpu = 0;
  let ringkitCycles = 0;
  let bareRelays = 0;
  let ringkitClientCpu = 0;
  let bareClientCpu = 0;
  for (let phase = 0; phase < 2; phase++) {
    const b0 = await bare.stats();
    const bc0 = ownCpuMs();
    const rate = await cyclesPerSecond(relays, phaseMs);
    bareClientCpu += ownCpuMs() - bc0;
    bareCpu += (await bare.stats()).cpuMs - b0.cpuMs;
    bareRelays += rate * (phaseMs / 1000);
    bareRates.push(rate);
    const clients = profilePath && phase === 1 ? new Session() : undefined;
    if (clients) {
      clients.connect();
      await clients.post('Profiler.enable');
      await clients.post('Profiler.setSamplingInterval', { interval: 200 });
      await clients.post('Profiler.start');
      // BENCH_TRACE_ALLOC: the clients' allocations too, beside the server's (serverProcess.ts).
      if (process.env.BENCH_TRACE_ALLOC) await clients.post('HeapProfiler.startSampling', { samplingInterval: 4096, includeObjectsCollectedByMajorGC: true, includeObjectsCollectedByMinorGC: true });
    }
    if (profilePath && phase === 1) await ringkit.call({ cmd: 'profileStart' });
    const r0 = await ringkit.stats();
    const rc0 = ownCpuMs();
    const pairRate = await cyclesPerSecond(pairs, phaseMs);
    ringkitClientCpu += ownCpuMs() - rc0;
    ringkitCpu += (await ringkit.stats()).cpuMs - r0.cpuMs;
    if (profilePath && phase === 1) await ringkit.call({ cmd: 'profileStop', path: profilePath });
    if (clients) {
      const { profile } = await clients.post('Profiler.stop');
      writeFileSync(clientProfilePath(profilePath!), JSON.stringify(profile));
      if (process.env.BENCH_TRACE_ALLOC) {
        const { profile: allocations } = await clients.post('HeapProfiler.stopSampling');
        writeFileSync(clientProfilePath(profilePath!).replace(/\.cpuprofile$/, '.heapprofile'), JSON.stringify(allocations));
      }
      clients.disconnect();
    }
    ringkitCycles += pairRate * (phaseMs / 1000);
    ringkitRates.push(pairRate);
  }
  for (const r of relays) r.close();
  for (const p of pairs) p.close();
  const mean = (xs: number[]) => xs.reduce((a, b) => a + b, 0) / xs.length;
  return {
    bareRelaysPerSecond: mean(bareRates),
    ringkitCyclesPerSecond: mean(ringkitRates),
    ringkitServerCpuMsPerCycle: ringkitCpu / ringkitCycles,
    bareServerCpuMsPerRelay: bareCpu / bareRelays,
    ringkitClientCpuMsPerCycle: ringkitClientCpu / ringkitCycles,
    bareClientCpuMsPerRelay: bareClientCpu / bareRelays,
  };
}

/**
 * Where `measureSustained` writes the clients' profile beside the server's.
 * @example clientProfilePath('profiles/sustained.cpuprofile') // 'profiles/sustained-clients.cpuprofile'
 */
export const clientProfilePath = (serverProfilePath: string): string => serverProfilePath.replace(/\.cpuprofile$/, '-clients.cpuprofile');
