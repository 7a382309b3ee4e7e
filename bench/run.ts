/**
 * `npm run bench`: every figure of the benchmark issue on this machine, written to BENCHMARKS.md (and raw samples to
 * bench/.tmp/results.json). Builds the app and the bench pages first. Each section is isolated: a failure is
 * recorded in the report and the others still run. Bounded: the whole run aborts after BENCH_MAX_MINUTES (30).
 * Options: --quick (fewer runs), --skip-build (measure the existing dist/), --only=bundle,micro,cold,ingest,sync (re-measure
 * those sections; the others are kept from the previous run's bench/.tmp/results.json). Never part of `npm test`.
 */
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { loadavg } from 'node:os';
import { join } from 'node:path';
import { APP_OUT, buildApp, buildBenchPages, DIST, PAGES_OUT, ROOT } from './browser/build';
import { firstRouteJs } from './bundle';
import { startStaticServer } from './browser/static-server';
import { runMicro } from './browser/micro';
import { runColdStart } from './browser/cold-start';
import { startFloor } from './browser/floor';
import { calibrate, LOW_TIER_PHONE } from './browser/calibrate';
import { runIngest } from './ingest';
import { startThrowawayPg } from './lib/pg';
import { runSyncComparison } from './sync/compare';
import { machine } from './lib/machine';
import type { Results } from './lib/results';
import { writeReport } from './report';

const args = process.argv.slice(2);
const quick = args.includes('--quick') || process.env.BENCH_QUICK === '1';
const only = args.find((a) => a.startsWith('--only='))?.slice('--only='.length).split(',');
const wants = (name: string) => !only || only.includes(name);
const log = (s: string) => console.log(s);
// --skip-build measures the existing dist/; otherwise the app is built into bench/.tmp/dist (see build.ts).
const APP = args.includes('--skip-build') ? DIST : APP_OUT;

const config = {
  quick, households: 5000, visitsPerHousehold: 10, syncVisits: 5000, syncRounds: quick ? 1 : 3, coldRuns: quick ? 3 : 9, coldPhoneRuns: quick ? 1 : 5,
  cpuThrottle: 4, saveRuns: quick ? 1 : 5, savesPerRun: 100, dashboardRuns: quick ? 3 : 5, ingestRuns: quick ? 1 : 5,
  ingestDevices: 50, ingestBatchesPerDevice: 5, ingestBatchSize: 200,
};

const results: Results = { machine: machine(), config, sections: {} };

// Bounded: past the limit, write what was measured (the unfinished section marked) and exit.
const hardStop = setTimeout(() => {
  const why = `aborted after ${process.env.BENCH_MAX_MINUTES ?? 30} minutes`;
  console.error(`bench: ${why}`);
  if (current) results.sections[current] = { ms: NaN, loadBefore: NaN, loadAfter: loadavg()[0]!, error: why };
  try { writeReport(results, join(ROOT, 'BENCHMARKS.md'), true); } finally { process.exit(2); }
}, Number(process.env.BENCH_MAX_MINUTES ?? 30) * 60_000);
hardStop.unref();
let current: string | null = null;

async function section(name: string, fn: () => Promise<void>): Promise<void> {
  if (!wants(name)) return;
  log(`\n▶ ${name}`);
  current = name;
  const loadBefore = loadavg()[0]!;
  const t0 = performance.now();
  try {
    await fn();
    results.sections[name] = { ms: performance.now() - t0, loadBefore, loadAfter: loadavg()[0]! };
  } catch (e) {
    const error = e instanceof Error ? e.message : String(e);
    console.error(`✗ ${name}: ${error}`);
    results.sections[name] = { ms: performance.now() - t0, loadBefore, loadAfter: loadavg()[0]!, error: error.slice(0, 2000) };
  }
  current = null;
}

async function main(): Promise<void> {
  const started = performance.now();
  // The bench pages are always rebuilt from the current sources (a few seconds); the app only when measured.
  const appNeeded = ['bundle', 'micro', 'cold'].some(wants) && !args.includes('--skip-build');
  log('\n▶ build');
  const tb = performance.now();
  const lb = loadavg()[0]!;
  if (appNeeded) await buildApp();
  await buildBenchPages();
  results.sections.build = { ms: performance.now() - tb, loadBefore: lb, loadAfter: loadavg()[0]! };
  await section('bundle', async () => { results.bundle = firstRouteJs(APP); });
  // Two origins: the app's (service worker, its own IndexedDB) and a clean one for the micro figures.
  await section('micro', async () => {
    const site = await startStaticServer(APP, PAGES_OUT);
    try {
      results.micro = await runMicro(site.origin, { households: config.households, visitsPerHousehold: config.visitsPerHousehold, saveRuns: config.saveRuns, savesPerRun: config.savesPerRun, dashboardRuns: config.dashboardRuns, log });
    } finally { await site.close(); }
  });
  await section('cold', async () => {
    const site = await startStaticServer(APP, PAGES_OUT);
    let floor: Awaited<ReturnType<typeof startFloor>> | undefined;
    try {
      floor = await startFloor(config.cpuThrottle);
      results.calibration = await calibrate(LOW_TIER_PHONE, log);
      const cold = await runColdStart(site.origin, { runs: config.coldRuns, phoneRuns: config.coldPhoneRuns, households: config.households, visitsPerHousehold: config.visitsPerHousehold, cpuRate: config.cpuThrottle, lowTierRate: results.calibration.lowTierRate, floor: floor.run, log });
      results.coldStart = cold.runs;
      results.coldPhone = cold.phone;
      results.coldFloor = cold.floor;
      results.coldLowTier = cold.lowTier;
    } finally { await floor?.close(); await site.close(); }
  });
  await section('ingest', async () => {
    const o = { devices: config.ingestDevices, batchesPerDevice: config.ingestBatchesPerDevice, batchSize: config.ingestBatchSize, runs: config.ingestRuns, households: config.households, visitsPerHousehold: config.visitsPerHousehold, log };
    results.ingest = {};
    log('  SQLite');
    results.ingest.sqlite = await runIngest(o);
    const pg = await startThrowawayPg();
    if (!pg) { results.ingest.postgresSkipped = 'PostgreSQL binaries not found (apt-get install postgresql)'; log(`  !!! ${results.ingest.postgresSkipped}`); return; }
    try {
      results.ingest.postgresVersion = pg.version;
      log(`  PostgreSQL ${pg.version}`);
      results.ingest.postgres = await runIngest({ ...o, databaseUrl: pg.url });
    } finally { await pg.stop(); }
  });
  await section('sync', async () => {
    results.sync = await runSyncComparison({ rounds: config.syncRounds, visits: config.syncVisits, households: config.households, visitsPerHousehold: config.visitsPerHousehold, log });
  });
  mkdirSync(join(ROOT, 'bench/.tmp'), { recursive: true });
  const saved = join(ROOT, 'bench/.tmp/results.json');
  let report = results;
  if (only && existsSync(saved)) {
    // Keep the sections not re-measured from the previous full run (each section's own load line stays with it).
    const previous = JSON.parse(readFileSync(saved, 'utf8')) as Results;
    report = { ...previous, ...Object.fromEntries(Object.entries(results).filter(([k, v]) => v !== undefined && !['sections', 'config', 'machine'].includes(k))), sections: { ...previous.sections, ...results.sections }, machine: results.machine, config: { ...previous.config, remeasured: only.join(',') } } as Results;
  }
  writeFileSync(saved, JSON.stringify(report));
  const file = writeReport(report, join(ROOT, 'BENCHMARKS.md'), only !== undefined && report === results);
  log(`\nWrote ${file} in ${Math.round((performance.now() - started) / 1000)} s`);
  const failed = Object.entries(results.sections).filter(([, s]) => s.error);
  if (failed.length) { console.error(`sections that failed: ${failed.map(([n]) => n).join(', ')}`); process.exitCode = 1; }
}

main().catch((e) => { console.error(e); process.exit(1); });
