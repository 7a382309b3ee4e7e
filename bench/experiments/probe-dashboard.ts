/**
 * Interleaved A/B of the leader dashboard in a fresh worker (what `--only=micro` measures, without the search and
 * save runs): two builds of the bench pages on two origins of one browser, each seeded with the reference commune
 * (5,000 households, 50,000 visits), then fresh-worker calls alternating between them, so both see the same host load.
 * `flock /tmp/bench.lock npx tsx bench/experiments/probe-dashboard.ts --a=/path/to/other/bench/.tmp/pages [--rounds=8]`
 * (A = the other build, e.g. of main: `npx tsx -e "import('./bench/browser/build.ts').then((m) => m.buildBenchPages())"`
 * in a copy of main; B = this tree, built here). Without --a both sides are this tree (an A/A check of the noise).
 * Prints per call the whole call and its split by the service's marks (read, compute), and medians.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { loadavg, tmpdir } from 'node:os';
import { join } from 'node:path';
import { buildBenchPages, PAGES_OUT } from '../browser/build';
import { startStaticServer } from '../browser/static-server';
import { launchPersistent } from '../browser/chromium';
import { call, openBenchPage } from '../browser/micro';
import { DEMO_NOW_MS } from '../../src/shared/demo';
import { summarise } from '../lib/stats';

const arg = (name: string) => process.argv.find((a) => a.startsWith(`--${name}=`))?.split('=')[1];
const rounds = Number(arg('rounds') ?? 8);
const load = () => loadavg().map((l) => l.toFixed(2)).join(' ');

await buildBenchPages();
const sides = { A: arg('a') ?? PAGES_OUT, B: PAGES_OUT };
const servers = await Promise.all(Object.values(sides).map((dir) => startStaticServer(dir, dir)));
const dir = mkdtempSync(join(tmpdir(), 'tungnha-probe-dash-'));
const ctx = await launchPersistent(dir);
type Call = { totalMs: number; firstLoadMs?: number; firstComputeMs?: number; error?: string };
try {
  const pages = await Promise.all(servers.map(async (s) => {
    const page = await ctx.newPage();
    await openBenchPage(page, s.origin);
    return page;
  }));
  for (const page of pages) await call(page, 'seed', { seed: 11, households: 5000, visitsPerHousehold: 10 });
  const iso = (ms: number) => new Date(ms).toISOString().slice(0, 10);
  const req = { period: { kind: 'custom', from: iso(DEMO_NOW_MS - 130 * 86_400_000), to: iso(DEMO_NOW_MS) }, now: DEMO_NOW_MS };
  for (const page of pages) await call(page, 'dashboard', req); // builds the bundles
  console.log(`seeded; load ${load()} at ${new Date().toISOString().slice(11, 19)}`);
  const out: Record<string, Call[]> = { A: [], B: [] };
  for (let r = 0; r < rounds; r++) {
    const order = r % 2 === 0 ? [0, 1] : [1, 0];
    for (const i of order) {
      const side = i === 0 ? 'A' : 'B', d = await call<Call>(pages[i]!, 'dashboard', req);
      if (d.error) throw new Error(d.error);
      out[side]!.push(d);
      console.log(`${side} total ${d.totalMs.toFixed(0)} read ${d.firstLoadMs?.toFixed(0)} compute ${d.firstComputeMs?.toFixed(0)}`);
    }
  }
  for (const [side, calls] of Object.entries(out)) {
    const m = (f: (c: Call) => number | undefined) => summarise(calls.map((c) => f(c) ?? NaN)).median.toFixed(0);
    console.log(`${side} median total ${m((c) => c.totalMs)} read ${m((c) => c.firstLoadMs)} compute ${m((c) => c.firstComputeMs)} (${calls.length} calls)`);
  }
  console.log(`load ${load()} at ${new Date().toISOString().slice(11, 19)}`);
} finally {
  await ctx.close();
  rmSync(dir, { recursive: true, force: true });
  await Promise.all(servers.map((s) => s.close()));
}
