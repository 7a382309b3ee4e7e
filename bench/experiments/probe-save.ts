/**
 * Where a visit save's p95 goes, phase by phase, on the bench's 5,000-household / 50,000-visit commune.
 * `npx tsx bench/experiments/probe-save.ts [count] [variant,variant…]` (wrap it in `flock /tmp/bench.lock`); variants
 * are in bench/pages/save-probe.ts. The seeded profile is kept in $PROBE_PROFILE (default /tmp/tungnha-save-probe)
 * so repeated probes skip the 30 s seed; delete it to reseed. PROBE_TRACE=1 also records V8 GC events from a
 * DevTools trace and counts those that overlap each variant's slowest saves.
 */
import { existsSync, readFileSync } from 'node:fs';
import { createServer } from 'node:http';
import { extname, join, normalize } from 'node:path';
import { build } from 'vite';
import { ROOT } from '../browser/build';
import { launchPersistent } from '../browser/chromium';
import { call, openBenchPage } from '../browser/micro';
import type { Phases } from '../pages/save-probe';

const count = Number(process.argv[2] ?? 100);
const variants = (process.argv[3] ?? 'real,dexie,raw').split(',');
const profile = process.env.PROBE_PROFILE ?? '/tmp/tungnha-save-probe';

// The bench pages, unminified so a CPU profile names functions.
const PAGES_OUT = join(ROOT, 'bench/.tmp/probe-pages');
const pages = join(ROOT, 'bench/pages');
if (!process.env.PROBE_SKIP_BUILD) await build({
  configFile: false, root: pages, base: '/__bench/', logLevel: 'error',
  build: { outDir: PAGES_OUT, emptyOutDir: true, target: 'es2022', minify: false, modulePreload: false, rollupOptions: { input: { bench: join(pages, 'bench.html'), seed: join(pages, 'seed.ts') }, preserveEntrySignatures: 'strict', output: { entryFileNames: '[name].js' } } },
  worker: { format: 'es' },
});
// A fixed port: IndexedDB is per origin, and the kept profile's database belongs to this one.
const server = createServer((req, res) => {
  const path = normalize(new URL(req.url ?? '/', 'http://x').pathname.replace(/^\/__bench\//, '/')).replace(/^(\.\.[/\\])+/, '');
  let body: Buffer;
  try { body = readFileSync(join(PAGES_OUT, path)); }
  catch { res.writeHead(404).end(); return; }
  res.writeHead(200, { 'content-type': extname(path) === '.js' ? 'text/javascript' : 'text/html' }).end(body);
});
await new Promise<void>((r) => server.listen(Number(process.env.PROBE_PORT ?? 4791), '127.0.0.1', r));
const site = { origin: `http://127.0.0.1:${Number(process.env.PROBE_PORT ?? 4791)}`, close: () => new Promise<void>((r) => { server.closeAllConnections(); server.close(() => r()); }) };
const fresh = !existsSync(profile);
const ctx = await launchPersistent(profile);
const q = (xs: number[], f: number) => { const s = [...xs].sort((a, b) => a - b); return s[Math.min(s.length - 1, Math.floor(f * s.length))]!; };
const f1 = (x: number | undefined) => (x === undefined ? '   -' : x.toFixed(1).padStart(5));
try {
  const page = ctx.pages()[0] ?? (await ctx.newPage());
  await openBenchPage(page, site.origin);
  if (fresh) console.log('seed', await call(page, 'seed', { seed: 11, households: 5000, visitsPerHousehold: 10 }));
  await call(page, 'probeSave', variants, 5); // warm-up: JIT, first chunk loads
  console.log('live query (pending outbox count before, after one save):', await call(page, 'probeLiveQuery'));
  // PROBE_FLOOR_FIRST=1: the bench's floor run (a scratch database filled, then deleted) right before the measured
  // saves, to see whether its clean-up lands on them.
  if (process.env.PROBE_FLOOR_FIRST) await call(page, 'saveFloor', count);
  const cdp = await ctx.newCDPSession(page);
  const gcs: { ts: number; dur: number; name: string }[] = [];
  if (process.env.PROBE_TRACE) {
    cdp.on('Tracing.dataCollected', (e) => {
      for (const ev of e.value as unknown as { name: string; ts: number; dur?: number; ph: string }[]) if (/GC|Scavenge|MarkCompact/i.test(ev.name) && ev.ph === 'X') gcs.push({ ts: ev.ts / 1000, dur: (ev.dur ?? 0) / 1000, name: ev.name });
    });
    await cdp.send('Tracing.start', { traceConfig: { includedCategories: ['v8', 'devtools.timeline', 'disabled-by-default-v8.gc'] }, transferMode: 'ReportEvents' });
  }
  if (process.env.PROBE_CPU) { await cdp.send('Profiler.enable'); await cdp.send('Profiler.setSamplingInterval', { interval: 100 }); await cdp.send('Profiler.start'); }
  const res = await call<Record<string, Phases[]>>(page, 'probeSave', variants, count);
  if (process.env.PROBE_CPU) {
    const { profile: prof } = await cdp.send('Profiler.stop') as unknown as { profile: { nodes: { id: number; callFrame: { functionName: string; url: string; lineNumber: number } }[]; samples: number[]; timeDeltas: number[] } };
    const self = new Map<number, number>();
    prof.samples.forEach((id, i) => self.set(id, (self.get(id) ?? 0) + (prof.timeDeltas[i] ?? 0) / 1000));
    const byFn = new Map<string, number>();
    for (const n of prof.nodes) {
      const key = `${n.callFrame.functionName || '(anon)'} ${n.callFrame.url.split('/').pop()}:${n.callFrame.lineNumber}`;
      byFn.set(key, (byFn.get(key) ?? 0) + (self.get(n.id) ?? 0));
    }
    const byFile = new Map<string, number>();
    for (const n of prof.nodes) { const f = n.callFrame.url.split('/').pop() || n.callFrame.functionName; byFile.set(f, (byFile.get(f) ?? 0) + (self.get(n.id) ?? 0)); }
    const top = (m: Map<string, number>, k: number) => [...m].sort((a, b) => b[1] - a[1]).slice(0, k).map(([n, t]) => `  ${t.toFixed(1).padStart(8)} ms  ${n}`).join('\n');
    console.log(`CPU self time by file (${variants.join(',')} × ${count}):\n${top(byFile, 12)}\nby function:\n${top(byFn, 40)}`);
  }
  const floor = await call<{ strict: number[]; relaxed: number[] }>(page, 'saveFloor', count);
  if (process.env.PROBE_TRACE) {
    const ended = new Promise((r) => cdp.once('Tracing.tracingComplete', r));
    await cdp.send('Tracing.end');
    await ended;
    const big = gcs.filter((g) => g.dur > 0.3);
    console.log(`GC events ${gcs.length}, total ${gcs.reduce((a, g) => a + g.dur, 0).toFixed(1)} ms; > 0.3 ms: ${big.length} (${big.map((g) => `${g.name} ${g.dur.toFixed(1)}`).slice(0, 12).join(', ')})`);
  }
  console.log(`floor strict p50 ${f1(q(floor.strict, 0.5))} p95 ${f1(q(floor.strict, 0.95))}; relaxed p50 ${f1(q(floor.relaxed, 0.5))} p95 ${f1(q(floor.relaxed, 0.95))}`);
  for (const v of variants) {
    const rows = res[v]!;
    const keys = [...new Set(rows.flatMap((r) => Object.keys(r)))];
    console.log(`\n${v}: total p50 ${f1(q(rows.map((r) => r.total!), 0.5))} p95 ${f1(q(rows.map((r) => r.total!), 0.95))} max ${f1(Math.max(...rows.map((r) => r.total!)))}`);
    console.log('  phase (ms since start)   ' + keys.map((k) => k.padStart(11)).join(''));
    console.log('  p50                      ' + keys.map((k) => f1(q(rows.filter((r) => r[k] !== undefined).map((r) => r[k]!), 0.5)).padStart(11)).join(''));
    console.log('  p95                      ' + keys.map((k) => f1(q(rows.filter((r) => r[k] !== undefined).map((r) => r[k]!), 0.95)).padStart(11)).join(''));
    const slow = [...rows].sort((a, b) => b.total! - a.total!).slice(0, 6);
    console.log('  slowest saves (index: ms): ' + rows.map((r, i) => [i, r.total!] as const).sort((a, b) => b[1] - a[1]).slice(0, 10).map(([i, t]) => `${i}: ${f1(t).trim()}`).join(', '));
    for (const r of slow) console.log('  slow                     ' + keys.map((k) => f1(r[k]).padStart(11)).join(''));
  }
} finally {
  await ctx.close();
  await site.close();
}
