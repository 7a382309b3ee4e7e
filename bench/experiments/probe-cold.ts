/**
 * Where an offline cold start's time goes: one seeded profile, then fresh-process runs at 4× CPU printing the
 * phases, each script's fetch (resource timing) and the main thread's top self-time functions (CDP profiler).
 * `npx tsx bench/experiments/probe-cold.ts` (PROBE_HOUSEHOLDS=5000, PROBE_RUNS=3).
 */
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { originalPositionFor, TraceMap } from '@jridgewell/trace-mapping';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Page } from '@playwright/test';
import { APP_OUT, buildApp, buildBenchPages, PAGES_OUT } from '../browser/build';
import { startStaticServer } from '../browser/static-server';
import { coldRun, installAndSeed } from '../browser/cold-start';
import { summarise } from '../lib/stats';

interface Node { id: number; callFrame: { functionName: string; url: string; lineNumber: number; columnNumber: number }; hitCount?: number }

/** PROBE_DIST built with `vite build --sourcemap`: name the minified frames by their source (function, file:line). */
const maps = new Map<string, { map: TraceMap; shift: number } | null>();
function original(f: Node['callFrame']): string | undefined {
  if (!process.env.PROBE_DIST || !f.url.includes('/assets/')) return undefined;
  const file = join(process.env.PROBE_DIST, 'assets', f.url.split('/').pop()!);
  // The compile hint (vite.config.ts) is a line put in front after the map was made.
  if (!maps.has(file)) maps.set(file, existsSync(`${file}.map`) ? { map: new TraceMap(readFileSync(`${file}.map`, 'utf8')), shift: readFileSync(file, 'utf8').startsWith('//# allFunctionsCalledOnLoad') ? 1 : 0 } : null);
  const m = maps.get(file);
  if (!m) return undefined;
  if (f.lineNumber + 1 - m.shift < 1) return `(module top) ${f.url.split("/").pop()}`;
  const o = originalPositionFor(m.map, { line: f.lineNumber + 1 - m.shift, column: f.columnNumber });
  return o.source ? `${o.name ?? f.functionName} ${o.source.replace(/.*node_modules\//, '').replace(/^(\.\.\/)+/, '')}:${o.line}` : undefined;
}
interface Profile { nodes: Node[]; samples: number[]; timeDeltas: number[] }

function top(profile: Profile, n = 15): string[] {
  const byId = new Map(profile.nodes.map((x) => [x.id, x]));
  const self = new Map<string, number>();
  profile.samples.forEach((id, i) => {
    const f = byId.get(id)!.callFrame;
    const key = original(f) ?? `${f.functionName || '(anon)'} ${f.url.split('/').pop()}:${f.lineNumber}`;
    self.set(key, (self.get(key) ?? 0) + (profile.timeDeltas[i] ?? 0) / 1000);
  });
  return [...self].sort((a, b) => b[1] - a[1]).slice(0, n).map(([k, ms]) => `${ms.toFixed(1).padStart(7)} ms  ${k}`);
}

/** Page-side split of the CPU profile (console.profile): document start → rows in the DOM → interactive. */
const SPLIT = `(() => {
  console.profile('1 start to rows');
  const seen = () => document.querySelector('[data-testid="household-list"] li');
  const obs = new MutationObserver(() => {
    if (!seen()) return;
    obs.disconnect();
    console.profileEnd('1 start to rows');
    console.profile('2 rows to interactive');
    setTimeout(() => setTimeout(() => console.profileEnd('2 rows to interactive'), 0), 0);
  });
  obs.observe(document, { childList: true, subtree: true });
})();`;

async function profiled(p: Page): Promise<() => Promise<void>> {
  const cdp = await p.context().newCDPSession(p);
  await cdp.send('Profiler.enable');
  await cdp.send('Profiler.setSamplingInterval', { interval: 200 });
  if (process.env.PROBE_SPLIT) {
    // PROBE_SPLIT=1: one profile per phase instead of one for the whole start (diagnostic only).
    const split: string[] = [];
    (cdp as unknown as { on(e: string, f: (x: { title: string; profile: Profile }) => void): void })
      .on('Profiler.consoleProfileFinished', (e) => split.push(`${e.title}:`, ...top(e.profile, 25)));
    await p.context().addInitScript(SPLIT);
    return async () => {
      await p.waitForTimeout(200);
      console.log(split.join('\n'));
    };
  }
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

interface TraceEvent { name: string; cat?: string; ph: string; ts: number; dur?: number; tdur?: number; tid: number; pid: number; args?: { data?: { url?: string; functionName?: string }; beginData?: { stackTrace?: Array<{ functionName: string; url: string; lineNumber: number }> } } }

/**
 * The main thread's tasks from navigation to "interactive" (devtools.timeline trace), on the page's own clock:
 * the trace is aligned on the `tn:app-start` mark, and rows / interactive (the bench's probe) are shown in line.
 * Each task lists its biggest work items; PROBE_LAYOUT=1 adds every layout, paint and commit (with the JS stack
 * of a forced layout).
 */
async function traced(p: Page): Promise<() => Promise<void>> {
  const cdp = await p.context().newCDPSession(p);
  const events: TraceEvent[] = [];
  const on = cdp as unknown as { on(e: string, f: (x: { value: TraceEvent[] }) => void): void; once(e: string, f: () => void): void };
  on.on('Tracing.dataCollected', (e) => events.push(...e.value));
  const extra = process.env.PROBE_CATS ? `,${process.env.PROBE_CATS}` : ''; // e.g. PROBE_CATS=blink,loading,v8
  await cdp.send('Tracing.start', { categories: `devtools.timeline,disabled-by-default-devtools.timeline,blink.user_timing,disabled-by-default-devtools.timeline.stack${extra}`, transferMode: 'ReportEvents' });
  return async () => {
    const done = new Promise<void>((r) => on.once('Tracing.tracingComplete', r));
    await cdp.send('Tracing.end');
    await done;
    const page = await p.evaluate(() => {
      const w = window as unknown as { __rowsAt: number; __interactiveAt: number };
      return { appStart: performance.getEntriesByName('tn:app-start', 'mark')[0]?.startTime ?? NaN, rows: w.__rowsAt, interactive: w.__interactiveAt };
    });
    const mark = events.find((e) => e.name === 'tn:app-start');
    const tasks = events.filter((e) => e.name === 'RunTask' && e.ph === 'X');
    const byThread = new Map<number, number>();
    for (const t of tasks) byThread.set(t.tid, (byThread.get(t.tid) ?? 0) + (t.dur ?? 0));
    const mainTid = mark?.tid ?? [...byThread].sort((a, b) => b[1] - a[1])[0]?.[0];
    const t0 = mark ? mark.ts - page.appStart * 1000 : Math.min(...events.map((e) => e.ts));
    const at = (ts: number) => Math.round((ts - t0) / 1000);
    const until = page.interactive + Number(process.env.PROBE_AFTER ?? 300);
    const lines: Array<[number, string]> = [[page.rows, '-- rows in the DOM'], [page.interactive, '-- interactive']];
    for (const t of tasks.filter((x) => x.tid === mainTid && (x.dur ?? 0) >= 3_000 && at(x.ts) >= 0 && at(x.ts) <= until)) {
      const inner = events.filter((e) => e.tid === t.tid && e.ph === 'X' && e.ts >= t.ts && e.ts < t.ts + (t.dur ?? 0) && e !== t && (e.dur ?? 0) >= 3_000)
        .map((e) => `${e.name}${e.args?.data?.url ? ' ' + e.args.data.url.split('/').pop() : ''}${e.args?.data?.functionName ? ' ' + e.args.data.functionName : ''} ${Math.round((e.dur ?? 0) / 1000)}`);
      lines.push([at(t.ts), `task ${Math.round((t.dur ?? 0) / 1000)} ms: ${[...new Set(inner)].slice(0, Number(process.env.PROBE_ITEMS ?? 9)).join(' | ')}`]);
    }
    if (process.env.PROBE_AGG) {
      // Where the app module's task went: inclusive time per event name (nested events count in each parent).
      const task = tasks.find((t) => t.tid === mainTid && events.some((e) => e.name === 'v8.evaluateModule' && e.tid === t.tid && e.ts >= t.ts && e.ts < t.ts + (t.dur ?? 0)));
      const sums = new Map<string, number>();
      for (const e of events) if (task && e.tid === task.tid && e.ph === 'X' && e.ts >= task.ts && e.ts < task.ts + (task.dur ?? 0)) sums.set(e.name, (sums.get(e.name) ?? 0) + (e.dur ?? 0) / 1000);
      console.log([...sums].filter(([, ms]) => ms >= 3).sort((a, b) => b[1] - a[1]).slice(0, 30).map(([n, ms]) => `${n} ${ms.toFixed(0)}`).join(' | '));
    }
    for (const m of events.filter((e) => e.cat?.includes('user_timing') && e.name.startsWith('tn:'))) lines.push([at(m.ts), `-- mark ${m.name}`]);
    if (process.env.PROBE_LAYOUT) {
      for (const e of events.filter((x) => x.tid === mainTid && ['Layout', 'Paint', 'Commit', 'UpdateLayoutTree'].includes(x.name) && (x.dur ?? 0) >= 5_000 && at(x.ts) <= until)) {
        const stack = e.args?.beginData?.stackTrace?.slice(0, 3).map((f) => `${f.functionName}@${f.url.split('/').pop()}:${f.lineNumber}`).join(' < ');
        lines.push([at(e.ts), `   ${e.name} ${Math.round((e.dur ?? 0) / 1000)} ms${stack ? ' forced by ' + stack : ''}`]);
      }
    }
    const inWindow = (e: TraceEvent) => e.tid === mainTid && e.ph === 'X' && at(e.ts) >= 0 && at(e.ts) <= page.interactive;
    const sum = (name: string) => Math.round(events.filter((e) => inWindow(e) && e.name === name).reduce((a, e) => a + (e.dur ?? 0), 0) / 1000);
    // Thread CPU time (tdur): the throttle's pauses and other processes' use of the cores are not in it, so it
    // compares variants' main-thread work with far less noise than wall time.
    const cpu = (name: string) => Math.round(events.filter((e) => inWindow(e) && e.name === name).reduce((a, e) => a + (e.tdur ?? 0), 0) / 100) / 10;
    if (process.env.PROBE_TOP) {
      // Each task's top-level work items (events directly under RunTask), summed by name over the whole window.
      const byName = new Map<string, number>();
      for (const t of tasks.filter(inWindow)) {
        const kids = events.filter((e) => e.tid === t.tid && e.ph === 'X' && e !== t && e.ts >= t.ts && e.ts + (e.dur ?? 0) <= t.ts + (t.dur ?? 0)).sort((a, b) => a.ts - b.ts || (b.dur ?? 0) - (a.dur ?? 0));
        let end = 0;
        let covered = 0;
        for (const k of kids) {
          if (k.ts < end) continue;
          end = k.ts + (k.dur ?? 0);
          covered += k.dur ?? 0;
          byName.set(k.name, (byName.get(k.name) ?? 0) + (k.dur ?? 0) / 1000);
        }
        byName.set('(task, no event)', (byName.get('(task, no event)') ?? 0) + ((t.dur ?? 0) - covered) / 1000);
        if ((t.dur ?? 0) - covered > 8_000) console.log(`  untraced ${Math.round(((t.dur ?? 0) - covered) / 1000)} ms in the task at ${at(t.ts)} (${Math.round((t.dur ?? 0) / 1000)} ms): ${kids.slice(0, 4).map((k) => k.name).join(', ')}`);
      }
      console.log([...byName].sort((a, b) => b[1] - a[1]).slice(0, 25).map(([n, ms]) => `${n} ${ms.toFixed(0)}`).join(' | '));
    }
    if (process.env.PROBE_NAMES) {
      // PROBE_NAMES=<regex>: matching events on the main thread up to interactive — count, wall and CPU ms by name.
      const re = new RegExp(process.env.PROBE_NAMES);
      const matching = events.filter((x) => inWindow(x) && re.test(x.name));
      const by = new Map<string, [number, number, number]>();
      for (const e of matching) {
        const v = by.get(e.name) ?? [0, 0, 0];
        by.set(e.name, [v[0] + 1, v[1] + (e.dur ?? 0) / 1000, v[2] + (e.tdur ?? 0) / 1000]);
      }
      if (process.env.PROBE_ARGS) for (const e of matching.slice(0, 40)) console.log(`  ${at(e.ts)} ${e.name} ${((e.dur ?? 0) / 1000).toFixed(1)} ms ${JSON.stringify(e.args ?? {})}`);
      console.log([...by].sort((a, b) => b[1][2] - a[1][2]).slice(0, 20).map(([n, [c, w, t]]) => `${n} ×${c} ${w.toFixed(1)}/${t.toFixed(1)} ms`).join(' | '));
    }
    lastTrace = { busy: sum('RunTask'), layout: sum('Layout'), style: sum('UpdateLayoutTree'), paint: sum('Paint') + sum('Commit') + sum('Layerize'), js: sum('v8.evaluateModule') + sum('FunctionCall') + sum('EvaluateScript'),
      cpu: cpu('RunTask'), cpuLayout: cpu('Layout'), cpuStyle: cpu('UpdateLayoutTree'), cpuPaint: cpu('Paint') + cpu('Commit') + cpu('Layerize'), cpuJs: cpu('v8.evaluateModule') + cpu('FunctionCall') + cpu('EvaluateScript') };
    if (!process.env.PROBE_QUIET) for (const [t, text] of lines.sort((a, b) => a[0] - b[0])) console.log(`${String(Math.round(t)).padStart(6)} ${text}`);
  };
}
/** The last traced run's main-thread totals up to "interactive" (ms at the throttled rate): for A/B by work, not wall time. */
let lastTrace: Record<string, number> = {};

const median = (xs: number[]) => summarise(xs).median;

if (process.env.PROBE_DISTS) {
  // A/B: prebuilt dist dirs (comma-separated), each on its own origin and profile, runs interleaved so that the
  // machine's load drifts over all variants alike.
  await buildBenchPages();
  const variants = await Promise.all(process.env.PROBE_DISTS.split(',').map(async (dist) => ({
    dist, site: await startStaticServer(dist, PAGES_OUT), dir: mkdtempSync(join(tmpdir(), 'tungnha-probe-ab-')), rows: [] as number[], ready: [] as number[], fcp: [] as number[], work: {} as Record<string, number[]>,
  })));
  try {
    for (const v of variants) await installAndSeed(v.dir, v.site.origin, { households: Number(process.env.PROBE_HOUSEHOLDS ?? 5000), visitsPerHousehold: 10, log: console.log });
    for (let i = 0; i < Number(process.env.PROBE_RUNS ?? 5); i++) {
      // Each round starts with the next variant, so that no variant always follows the same one (order effects).
      for (const v of [...variants.slice(i % variants.length), ...variants.slice(0, i % variants.length)]) {
        // PROBE_PHONE=dirA,…: those variants run on a phone's screen (chromium.ts PHONE), the others on Playwright's default.
        const r = await coldRun(v.dir, v.site.origin, 4, process.env.PROBE_TRACE ? traced : undefined, (process.env.PROBE_PHONE ?? '').split(',').includes(v.dist));
        v.rows.push(r.rowsMs);
        v.ready.push(r.interactiveMs);
        v.fcp.push(r.phases?.fcpMs ?? NaN);
        if (process.env.PROBE_TRACE) for (const [k, ms] of Object.entries(lastTrace)) (v.work[k] ??= []).push(ms);
        console.log(`${v.dist} run ${i + 1}: rows ${Math.round(r.rowsMs)} interactive ${Math.round(r.interactiveMs)} ${JSON.stringify(r.phases)} ${JSON.stringify(lastTrace)}`);
      }
    }
    for (const v of variants) console.log(`${v.dist}: median rows ${Math.round(median(v.rows))} interactive ${Math.round(median(v.ready))} fcp ${Math.round(median(v.fcp))} work ${Object.entries(v.work).map(([k, xs]) => `${k} ${Math.round(median(xs))}`).join(', ')}`);
  } finally {
    for (const v of variants) { rmSync(v.dir, { recursive: true, force: true }); await v.site.close(); }
  }
  process.exit(0);
}

// PROBE_DIST=dir traces a prebuilt dist instead of building the current sources.
if (!process.env.PROBE_DIST) await buildApp();
await buildBenchPages();
const site = await startStaticServer(process.env.PROBE_DIST ?? APP_OUT, PAGES_OUT);
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
