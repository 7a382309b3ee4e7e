/**
 * Where an offline cold start's time goes: one seeded profile, then fresh-process runs at 4× CPU printing the
 * phases, each script's fetch (resource timing) and the main thread's top self-time functions (CDP profiler).
 * `npx tsx bench/experiments/probe-cold.ts` (PROBE_HOUSEHOLDS=5000, PROBE_RUNS=3).
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Page } from '@playwright/test';
import { APP_OUT, buildApp, buildBenchPages, PAGES_OUT } from '../browser/build';
import { startStaticServer } from '../browser/static-server';
import { coldRun, installAndSeed } from '../browser/cold-start';
import { summarise } from '../lib/stats';

interface Node { id: number; callFrame: { functionName: string; url: string; lineNumber: number }; hitCount?: number }
interface Profile { nodes: Node[]; samples: number[]; timeDeltas: number[] }

function top(profile: Profile, n = 15): string[] {
  const byId = new Map(profile.nodes.map((x) => [x.id, x]));
  const self = new Map<string, number>();
  profile.samples.forEach((id, i) => {
    const f = byId.get(id)!.callFrame;
    const key = `${f.functionName || '(anon)'} ${f.url.split('/').pop()}:${f.lineNumber}`;
    self.set(key, (self.get(key) ?? 0) + (profile.timeDeltas[i] ?? 0) / 1000);
  });
  return [...self].sort((a, b) => b[1] - a[1]).slice(0, n).map(([k, ms]) => `${ms.toFixed(1).padStart(7)} ms  ${k}`);
}

async function profiled(p: Page): Promise<() => Promise<void>> {
  const cdp = await p.context().newCDPSession(p);
  await cdp.send('Profiler.enable');
  await cdp.send('Profiler.setSamplingInterval', { interval: 200 });
  await cdp.send('Profiler.start');
  return async () => {
    const { profile } = (await cdp.send('Profiler.stop')) as unknown as { profile: Profile };
    const res = await p.evaluate(() => performance.getEntriesByType('resource').map((e) => {
      const r = e as PerformanceResourceTiming;
      return `${r.name.split('/').pop()} start ${Math.round(r.startTime)} end ${Math.round(r.responseEnd)}`;
    }));
    console.log(res.join('\n'));
    console.log(top(profile).join('\n'));
  };
}

interface TraceEvent { name: string; ph: string; ts: number; dur?: number; tid: number; pid: number; args?: { data?: { url?: string; functionName?: string } } }

/** Main-thread tasks ≥ 15 ms after navigation, each with its biggest direct work items (devtools.timeline trace). */
async function traced(p: Page): Promise<() => Promise<void>> {
  const cdp = await p.context().newCDPSession(p);
  const events: TraceEvent[] = [];
  const on = cdp as unknown as { on(e: string, f: (x: { value: TraceEvent[] }) => void): void; once(e: string, f: () => void): void };
  on.on('Tracing.dataCollected', (e) => events.push(...e.value));
  await cdp.send('Tracing.start', { categories: 'devtools.timeline,disabled-by-default-devtools.timeline', transferMode: 'ReportEvents' });
  return async () => {
    const done = new Promise<void>((r) => on.once('Tracing.tracingComplete', r));
    await cdp.send('Tracing.end');
    await done;
    const nav = events.find((e) => e.name === 'navigationStart' || e.name === 'NavigationStartToMarkerProcessing');
    const tasks = events.filter((e) => e.name === 'RunTask' && e.ph === 'X' && (e.dur ?? 0) >= 15_000);
    const t0 = nav?.ts ?? Math.min(...events.map((e) => e.ts));
    const byThread = new Map<number, number>();
    for (const t of tasks) byThread.set(t.tid, (byThread.get(t.tid) ?? 0) + (t.dur ?? 0));
    const mainTid = [...byThread].sort((a, b) => b[1] - a[1])[0]?.[0];
    if (process.env.PROBE_LAYOUT) {
      for (const e of events.filter((x) => x.tid === mainTid && x.name === 'Layout' && (x.dur ?? 0) >= 10_000)) console.log('layout', Math.round((e.dur ?? 0) / 1000), JSON.stringify(e.args).slice(0, 300));
    }
    for (const t of tasks.filter((x) => x.tid === mainTid)) {
      const inner = events.filter((e) => e.tid === t.tid && e.ph === 'X' && e.ts >= t.ts && e.ts < t.ts + (t.dur ?? 0) && e !== t && (e.dur ?? 0) >= 5_000)
        .map((e) => `${e.name}${e.args?.data?.url ? ' ' + e.args.data.url.split('/').pop() : ''}${e.args?.data?.functionName ? ' ' + e.args.data.functionName : ''} ${Math.round((e.dur ?? 0) / 1000)}`);
      console.log(`task at ${Math.round((t.ts - t0) / 1000)} ms, ${Math.round((t.dur ?? 0) / 1000)} ms: ${[...new Set(inner)].slice(0, 8).join(' | ')}`);
    }
  };
}

const median = (xs: number[]) => summarise(xs).median;

if (process.env.PROBE_DISTS) {
  // A/B: prebuilt dist dirs (comma-separated), each on its own origin and profile, runs interleaved so that the
  // machine's load drifts over all variants alike.
  await buildBenchPages();
  const variants = await Promise.all(process.env.PROBE_DISTS.split(',').map(async (dist) => ({
    dist, site: await startStaticServer(dist, PAGES_OUT), dir: mkdtempSync(join(tmpdir(), 'tungnha-probe-ab-')), rows: [] as number[], ready: [] as number[],
  })));
  try {
    for (const v of variants) await installAndSeed(v.dir, v.site.origin, { households: Number(process.env.PROBE_HOUSEHOLDS ?? 5000), visitsPerHousehold: 10, log: console.log });
    for (let i = 0; i < Number(process.env.PROBE_RUNS ?? 5); i++) {
      for (const v of variants) {
        const r = await coldRun(v.dir, v.site.origin, 4);
        v.rows.push(r.rowsMs);
        v.ready.push(r.interactiveMs);
        console.log(`${v.dist} run ${i + 1}: rows ${Math.round(r.rowsMs)} interactive ${Math.round(r.interactiveMs)} ${JSON.stringify(r.phases)}`);
      }
    }
    for (const v of variants) console.log(`${v.dist}: median rows ${Math.round(median(v.rows))} interactive ${Math.round(median(v.ready))}`);
  } finally {
    for (const v of variants) { rmSync(v.dir, { recursive: true, force: true }); await v.site.close(); }
  }
  process.exit(0);
}

await buildApp();
await buildBenchPages();
const site = await startStaticServer(APP_OUT, PAGES_OUT);
const dir = mkdtempSync(join(tmpdir(), 'tungnha-probe-cold-'));
try {
  await installAndSeed(dir, site.origin, { households: Number(process.env.PROBE_HOUSEHOLDS ?? 5000), visitsPerHousehold: 10, log: console.log });
  for (let i = 0; i < Number(process.env.PROBE_RUNS ?? 3); i++) {
    const r = await coldRun(dir, site.origin, 4, i === 0 ? undefined : process.env.PROBE_TRACE ? traced : profiled);
    console.log(`run ${i + 1}: rows ${Math.round(r.rowsMs)} interactive ${Math.round(r.interactiveMs)} ${JSON.stringify(r.phases)}`);
  }
} finally {
  rmSync(dir, { recursive: true, force: true });
  await site.close();
}
