import { readFileSync } from 'node:fs';

interface ProfileNode {
  id: number;
  callFrame: { functionName: string; url: string; lineNumber: number };
  hitCount?: number;
}

/** One function's share of a CPU profile. */
export interface SelfTime {
  name: string;
  where: string;
  ms: number;
  /** Percent of the busy (non-idle) time. */
  percent: number;
}

/**
 * The functions with the most self time in a `.cpuprofile` (V8 format, as written by
 * `node --cpu-prof` or the inspector), idle and GC split out, busy time as the base.
 * @example topSelfTime('server.cpuprofile', 12)
 */
export function topSelfTime(path: string, count: number): { busyMs: number; top: SelfTime[] } {
  const profile = JSON.parse(readFileSync(path, 'utf8')) as { nodes: ProfileNode[]; samples: number[]; timeDeltas: number[] };
  const byID = new Map(profile.nodes.map((n) => [n.id, n]));
  const totals = new Map<string, SelfTime>();
  let busy = 0;
  profile.samples.forEach((id, i) => {
    const node = byID.get(id)!;
    const ms = (profile.timeDeltas[i + 1] ?? 0) / 1000;
    const { functionName, url, lineNumber } = node.callFrame;
    const name = functionName || '(anonymous)';
    if (name === '(idle)' || name === '(program)') return;
    busy += ms;
    const where = url ? `${shortPath(url)}:${lineNumber + 1}` : '';
    const key = `${name}@${where}`;
    const entry = totals.get(key) ?? { name, where, ms: 0, percent: 0 };
    entry.ms += ms;
    totals.set(key, entry);
  });
  const top = [...totals.values()].sort((a, b) => b.ms - a.ms).slice(0, count);
  for (const t of top) t.percent = (100 * t.ms) / busy;
  return { busyMs: busy, top };
}

/** A profile URL shortened to the package path or the repository path. */
function shortPath(url: string): string {
  const modules = url.lastIndexOf('node_modules/');
  if (modules !== -1) return url.slice(modules + 'node_modules/'.length);
  const src = url.lastIndexOf('/src/');
  return src !== -1 ? url.slice(src + 1) : url.slice(url.lastIndexOf('/') + 1);
}
