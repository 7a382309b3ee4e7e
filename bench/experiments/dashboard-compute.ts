// Run: flock /tmp/bench.lock npx tsx bench/experiments/dashboard-compute.ts [--runs=N] [--out=FILE]
// Evidence for docs/benchmarks.md §4 (not part of npm run bench): the dashboard's COMPUTE alone, in Node, over the
// bench's reference commune (generateDemoCommune seed 11, 5,000 households, 10 visits per household → 50,000 visits,
// 18 hamlets) as plain objects, with the bench's request (a custom period over the demo's whole 120 days).
// Prints the median of several runs after a warm-up for dashboardFrom and each of its parts, plus a SHA-256 of the
// dashboard's JSON so that a change can be checked for identical output (--out writes the JSON itself).
import { createHash } from 'node:crypto';
import { writeFileSync } from 'node:fs';
import { loadavg } from 'node:os';
import { isDeepStrictEqual } from 'node:util';
import { generateDemoCommune, DEMO_NOW_MS } from '../../src/shared/demo';
import { dashboardFrom } from '../../src/worker/reports/dashboard';
import * as report from '../../src/shared/report';
import { communeCounts, deriveFigures, lastMonths, monthlyTrends, effectiveTimed, type VisitRow } from '../../src/shared/report';
import { groupBy } from '../../src/shared/group';
import { buildDigest } from '../../src/shared/digest';
import { hamletBundle, priorityOf } from '../../src/shared/hamlet-facts';
import { preparedFromColumns } from '../../src/shared/report/columns';

const arg = (name: string) => process.argv.find((a) => a.startsWith(`--${name}=`))?.split('=')[1];
const runs = Number(arg('runs') ?? 9);
const outFile = arg('out');

const t0 = performance.now();
const d = generateDemoCommune({ seed: 11, households: 5000, visitsPerHousehold: 10, now: DEMO_NOW_MS });
const genMs = performance.now() - t0;
// Structured-clone so the objects look like IndexedDB reads (fresh objects, no shared hidden-class history).
const input = structuredClone({ households: d.households, persons: d.persons, visits: d.visits, events: [], members: d.members });
// Only the clone stays alive, as in the worker (a heap twice as large makes every pass slower on this machine).
Object.assign(d, { households: [], persons: [], visits: [] });
const data = { input, hamlets: d.hamlets, communeName: d.commune.name, dataAsOf: null, enrolled: false };
const iso = (ms: number) => new Date(ms).toISOString().slice(0, 10);
const req = { period: { kind: 'custom' as const, from: iso(DEMO_NOW_MS - 130 * 86_400_000), to: iso(DEMO_NOW_MS) }, now: DEMO_NOW_MS };
const opts = { period: req.period, now: req.now, hamletIds: d.hamlets.map((h) => h.id) };
const months = lastMonths(req.now, 6);

// What a digest loader can pass (D-R2): visits already grouped by household, times already numbers. A loader that
// decodes household by household also allocates each household's rows together, so they are cloned per household
// here: reading rows allocated in input order in household order is about twice as slow (cache misses).
const byHousehold = new Map<string, (VisitRow & { ms: number })[]>();
for (const v of input.visits) (byHousehold.get(v.householdId) ?? byHousehold.set(v.householdId, []).get(v.householdId)!).push(v as never);
for (const [id, list] of byHousehold) byHousehold.set(id, structuredClone(list).map((v) => Object.assign(v, { ms: Date.parse(v.at) })));
const grouped = { ...data, input: { ...input, visits: [], visitsByHousehold: byHousehold } };

// What the loader reads since D-R4: one columnar bundle per hamlet (structured-cloned, as IndexedDB returns it).
const personsBy = groupBy(input.persons, (p) => p.householdId);
const digests = [...input.households].sort((a, b) => (a.id < b.id ? -1 : 1))
  .map((h) => buildDigest(h as never, (personsBy.get(h.id) ?? []) as never, (byHousehold.get(h.id) ?? []) as never, false));
const digestsBy = groupBy(digests, (x) => x.hamletId);
const stored = structuredClone(d.hamlets.map((h) => ({ hamletId: h.id, columns: hamletBundle(h.id, digestsBy.get(h.id) ?? []).bundle })));
const fromColumns = () => {
  const { households, prepared } = preparedFromColumns(stored, priorityOf);
  return { ...data, input: { ...input, households, persons: [], visits: [], prepared } };
};
// The first call of each, before any warm-up: a fresh worker runs the dashboard exactly once, with a cold JIT.
const cold: Record<string, number> = {};
const timeCold = (name: string, fn: () => unknown) => { const t = performance.now(); const r = fn(); cold[name] = Math.round((performance.now() - t) * 10) / 10; return r; };
const columnData = timeCold('mergeColumns', fromColumns) as ReturnType<typeof fromColumns>;
timeCold('dashboardFromColumns', () => dashboardFrom(columnData, req));

const parts: Record<string, () => unknown> = {
  mergeColumns: fromColumns,
  dashboardFromColumns: (() => { const c = fromColumns(); return () => dashboardFrom(c, req); })(),
  dashboardFrom: () => dashboardFrom(data, req),
  // Ignored by code that predates the optional input (it then sees no visits at all): compare only after the change.
  dashboardFromGroupedWithMs: () => dashboardFrom(grouped, req),
  communeCounts: () => communeCounts(input, opts),
  monthlyTrends: () => monthlyTrends(input, months),
  deriveFigures19: () => { const c = communeCounts(input, opts); const t = performance.now(); [c.commune, ...c.hamlets].map(deriveFigures); return performance.now() - t; },
  groupVisits: () => groupBy<VisitRow>(input.visits, (v) => v.householdId),
  effectiveTimedAll: () => { const g = groupBy<VisitRow>(input.visits, (v) => v.householdId); const t = performance.now(); for (const l of g.values()) effectiveTimed(l); return performance.now() - t; },
  // Since the one-pass rewrite: encoding the input once, and the passes over the encoded input alone.
  ...('prepareVisits' in report ? {
    prepareVisits: () => (report as any).prepareVisits(input),
    countsWithTrendPassOnly: () => { const p = (report as any).prepareVisits(input); const t = performance.now(); (report as any).communeCountsWithTrend(input, { ...opts, prepared: p }, months); return performance.now() - t; },
  } : {}),
  dateParseAll: () => { let s = 0; for (const v of input.visits) s += Date.parse(v.at); return s; },
};

const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]!;
const result: Record<string, { medianMs: number; minMs: number; cpuMedianMs?: number }> = {};
for (const [name, fn] of Object.entries(parts)) {
  for (let i = 0; i < 3; i++) fn(); // warm-up (JIT)
  const times: number[] = [], cpus: number[] = [];
  for (let i = 0; i < runs; i++) {
    const c = process.cpuUsage();
    const t = performance.now();
    const r = fn();
    // Parts that time a sub-step themselves return its duration.
    times.push(['deriveFigures19', 'effectiveTimedAll', 'countsWithTrendPassOnly'].includes(name) ? (r as number) : performance.now() - t);
    const u = process.cpuUsage(c);
    cpus.push((u.user + u.system) / 1000);
  }
  // CPU time (all threads, GC helpers included) is shown next to wall time: the machine is shared. (For the parts
  // that time a sub-step themselves, CPU time covers the whole call.)
  result[name] = { medianMs: Math.round(median(times) * 10) / 10, minMs: Math.round(Math.min(...times) * 10) / 10, cpuMedianMs: Math.round(median(cpus)) };
}
const json = JSON.stringify(dashboardFrom(data, req));
// Key order may differ (households come hamlet by hamlet, in id order), the figures may not.
if (!isDeepStrictEqual(dashboardFrom(fromColumns(), req), JSON.parse(json))) throw new Error('the dashboard from columns differs from the one from rows');
if (outFile) writeFileSync(outFile, json);
console.log(JSON.stringify({
  load: loadavg().map((l) => Math.round(l * 100) / 100), node: process.version, runs,
  households: input.households.length, persons: input.persons.length, visits: input.visits.length, hamlets: d.hamlets.length,
  generateMs: Math.round(genMs), coldFirstCallMs: cold, outputSha256: createHash('sha256').update(json).digest('hex').slice(0, 16), ...result,
}, null, 1));
