import { closeAll, connectBare, connectRingkit } from './clients.js';
import { spawnBenchServer } from './spawnBenchServer.js';
import { sleep } from './stats.js';

/** Heap per idle connection of ringkit against bare socket.io, each in a fresh server process. */
export interface HeapResult {
  connections: number;
  ringkitBytesPerConnection: number;
  bareBytesPerConnection: number;
}

async function perConnection(kind: 'bare' | 'ringkit', n: number): Promise<number> {
  const server = await spawnBenchServer({ kind });
  const before = (await server.call<{ heapUsed: number }>({ cmd: 'heap' })).heapUsed;
  const ids = Array.from({ length: n }, (_, i) => `idle-${i}`);
  const clients = kind === 'bare' ? await connectBare(server.url, ids, 250) : await connectRingkit(server.url, ids, 250);
  await sleep(500);
  const after = (await server.call<{ heapUsed: number }>({ cmd: 'heap' })).heapUsed;
  closeAll(clients);
  await server.stop();
  return (after - before) / n;
}

/**
 * Connects `n` idle clients to a fresh server and measures its heap after a full GC.
 * @example await measureHeap(10_000)
 */
export async function measureHeap(n: number): Promise<HeapResult> {
  const bare = await perConnection('bare', n);
  const ringkit = await perConnection('ringkit', n);
  return { connections: n, ringkitBytesPerConnection: ringkit, bareBytesPerConnection: bare };
}
