/**
 * The dashboard's bundle read by storage layout, in fresh workers (bench/pages/read-probe.ts): seeds the reference
 * commune, builds its bundles, copies them into scratch databases in each layout, then reads the layouts round-robin.
 * `flock /tmp/bench.lock npx tsx bench/experiments/probe-read.ts [--rounds=6] [--layouts=rows,one,...]`
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

const rounds = Number(process.argv.find((a) => a.startsWith('--rounds='))?.split('=')[1] ?? 6);
const load = () => loadavg().map((l) => l.toFixed(2)).join(' ');
const LAYOUTS = (process.argv.find((a) => a.startsWith('--layouts='))?.split('=')[1] ?? 'rows,noids,packed,one,one2,chunks,inline,blob').split(',');

await buildBenchPages();
const site = await startStaticServer(PAGES_OUT, PAGES_OUT);
const dir = mkdtempSync(join(tmpdir(), 'tungnha-probe-read-'));
const ctx = await launchPersistent(dir);
try {
  const page = ctx.pages()[0] ?? (await ctx.newPage());
  await openBenchPage(page, site.origin);
  await call(page, 'seed', { seed: 11, households: 5000, visitsPerHousehold: 10 });
  const iso = (ms: number) => new Date(ms).toISOString().slice(0, 10);
  await call(page, 'dashboard', { period: { kind: 'custom', from: iso(DEMO_NOW_MS - 130 * 86_400_000), to: iso(DEMO_NOW_MS) }, now: DEMO_NOW_MS });
  console.log('layouts', await call(page, 'prepareReadLayouts'), `load ${load()}`);
  const out: Record<string, Record<string, number>[]> = Object.fromEntries(LAYOUTS.map((l) => [l, []]));
  for (let r = 0; r < rounds; r++) {
    for (const l of r % 2 ? [...LAYOUTS].reverse() : LAYOUTS) out[l]!.push(await call(page, 'readLayout', l));
  }
  for (const [l, xs] of Object.entries(out)) {
    const m = (k: string) => summarise(xs.map((x) => x[k]!)).median.toFixed(1);
    console.log(`${l.padEnd(7)} total ${m('totalMs')} open ${m('openMs')} read ${m('readMs')} blob ${m('blobMs')} (all: ${xs.map((x) => x.totalMs!.toFixed(0)).join(' ')})`);
  }
  console.log(`load ${load()} at ${new Date().toISOString().slice(11, 19)}`);
} finally {
  await ctx.close();
  rmSync(dir, { recursive: true, force: true });
  await site.close();
}
