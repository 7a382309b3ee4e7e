// Run: npx tsx bench/experiments/trend-one-pass.ts (evidence for docs/benchmarks.md §4; not part of npm run bench).
// Prototype of the suggested dashboard-trend fix: one pass over the visits for every hamlet at once, each visit's
// time parsed once. Compared with the current 19 calls of monthlyTrend (commune + 18 hamlets), same results.
import { generateDemoCommune, DEMO_NOW_MS } from '../../src/shared/demo';
import { monthlyTrend, lastMonths } from '../../src/shared/report';
import { catalogueItem } from '../../src/shared/catalogue';
const d = generateDemoCommune({ seed: 11, households: 5000, visitsPerHousehold: 10, now: DEMO_NOW_MS });
const input = { households: d.households, visits: d.visits };
const months = lastMonths(DEMO_NOW_MS, 6);
function current() { return [null, ...d.hamlets.map((h) => h.id)].map((h) => monthlyTrend(input, months, h)); }
function onePass() {
  const keys = months.map((m) => m.from.slice(0, 7));
  const index = new Map(keys.map((k, i) => [k, i]));
  const fresh = () => months.map((m) => ({ month: m.from.slice(0, 7), label: `${m.from.slice(5, 7)}/${m.from.slice(0, 4)}`, visitedHouseholds: 0, visits: 0, itemsDone: 0 }));
  const scopes = new Map<string | null, ReturnType<typeof fresh>>([[null, fresh()], ...d.hamlets.map((h) => [h.id, fresh()] as const)]);
  const hamletOf = new Map(d.households.map((h) => [h.id, h.hamletId]));
  const byHousehold = new Map<string, { ms: number; v: (typeof d.visits)[number] }[]>();
  for (const v of d.visits) { const l = byHousehold.get(v.householdId); const e = { ms: Date.parse(v.at), v }; if (l) l.push(e); else byHousehold.set(v.householdId, [e]); }
  for (const [hh, list] of byHousehold) {
    const targets = [scopes.get(null)!, scopes.get(hamletOf.get(hh)!)!];
    const seen = new Set<number>();
    for (const { ms, v } of list) { // (no amendments in this data; the real fix keeps effectiveVisits with ms parsed once)
      const dt = new Date(ms + 7 * 3_600_000);
      const i = index.get(`${dt.getUTCFullYear()}-${String(dt.getUTCMonth() + 1).padStart(2, '0')}`);
      if (i === undefined) continue;
      const done = v.outcomes.filter((o) => o.outcome === 'done' && catalogueItem(o.item)).length;
      const first = !seen.has(i); seen.add(i);
      for (const t of targets) { const p = t[i]!; p.visits++; p.itemsDone += done; if (first) p.visitedHouseholds++; }
    }
  }
  return [...scopes.values()];
}
for (let r = 0; r < 3; r++) {
  let t = performance.now(); const a = current(); const tc = performance.now() - t;
  t = performance.now(); const b = onePass(); const tp = performance.now() - t;
  console.log({ currentMs: Math.round(tc), onePassMs: Math.round(tp), same: JSON.stringify(a) === JSON.stringify(b) });
}
