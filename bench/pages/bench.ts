/**
 * Micro benchmarks in a real browser, on the app's real modules: household search over every household of the
 * commune, saving a visit (visit + outbox in one strict-durability transaction) in real IndexedDB, and the leader
 * dashboard in a worker. Driven by bench/browser/micro.ts through `window.__bench`.
 */
import { listHamlets, listHouseholdSummaries, searchHouseholds, type HouseholdSummary } from '../../src/data';
import { prepareVisit, recordVisit } from '../../src/data/edits';
import { input, probeLiveQuery, probeSave } from './save-probe';
import { seed, probeChunks, probeDashboardLoad, probeList, probeOpen } from './seed';
import { enrol, queueVisits, sync } from './phone';
import { prepareReadLayouts, readLayout } from './read-probe';
import type { DashboardRequest } from '../../src/worker/reports/dashboard';

let summaries: HouseholdSummary[] = [];

async function loadSummaries(): Promise<number> {
  const hamlets = await listHamlets();
  summaries = (await Promise.all(hamlets.map((h) => listHouseholdSummaries(h.id)))).flat();
  return summaries.length;
}

/** Every prefix of each query, as typed one key at a time; returns one duration (ms) per keystroke. */
function search(queries: string[], rounds: number): { samples: number[]; households: number; lastHits: number } {
  const samples: number[] = [];
  let lastHits = 0;
  for (let r = 0; r < rounds; r++) {
    for (const q of queries) {
      for (let i = 1; i <= q.length; i++) {
        const t0 = performance.now();
        lastHits = searchHouseholds(summaries, q.slice(0, i), {}).length;
        samples.push(performance.now() - t0);
      }
    }
  }
  return { samples, households: summaries.length, lastHits };
}

/**
 * The floor under "save a visit": `count` one-row transactions into a scratch database on the same origin, strict
 * (flushed to disk before it resolves, as the app's) and relaxed (Chrome's default). Whatever recordVisit takes
 * beyond the strict floor is ours; the floor itself is this machine's disk flush. The scratch databases are kept
 * (later runs overwrite the same rows) and deleted by `dropFloor` after the last figure: deleting a database makes
 * Chromium clean up the origin's storage for seconds afterwards, and that clean-up landed on the next save run
 * (bench/experiments/probe-save.ts with PROBE_FLOOR_FIRST=1: p95 13 → 30 ms, the slow saves all among the first 25).
 */
const FLOOR_DBS = ['bench-floor-strict', 'bench-floor-relaxed'];
async function saveFloor(count: number): Promise<{ strict: number[]; relaxed: number[] }> {
  const { default: Dexie } = await import('dexie');
  const out = { strict: [] as number[], relaxed: [] as number[] };
  for (const durability of ['strict', 'relaxed'] as const) {
    const floor = new Dexie(`bench-floor-${durability}`, { chromeTransactionDurability: durability });
    floor.version(1).stores({ rows: 'id' });
    await floor.open();
    for (let i = 0; i < count; i++) {
      const t0 = performance.now();
      await floor.transaction('rw', floor.table('rows'), () => floor.table('rows').put({ id: i, note: 'Đã hướng dẫn mua hàng trên sàn' }));
      out[durability].push(performance.now() - t0);
    }
    floor.close();
  }
  return out;
}

async function dropFloor(): Promise<void> {
  const { default: Dexie } = await import('dexie');
  for (const name of FLOOR_DBS) await Dexie.delete(name);
}

/**
 * Records visits one after another, as a volunteer would; one duration per save. Alternates two kinds, `count` of
 * each: `early` as the app saves — the visit form read ahead when it opened (prepareVisit, D-V3, not timed: the
 * volunteer spends minutes on the form), then the tap on "Lưu" is timed; and `plain`, a save with nothing read ahead.
 */
async function save(count: number): Promise<{ early: number[]; plain: number[] }> {
  const out = { early: [] as number[], plain: [] as number[] };
  for (let i = 0; i < 2 * count; i++) {
    const h = summaries[(i * 7919) % summaries.length]!;
    const early = i % 2 === 0;
    if (early) await prepareVisit(h.id);
    const t0 = performance.now();
    await recordVisit(input(h.id));
    out[early ? 'early' : 'plain'].push(performance.now() - t0);
  }
  return out;
}

function dashboard(req: DashboardRequest): Promise<Record<string, unknown>> {
  const worker = new Worker(new URL('./dashboard-worker.ts', import.meta.url), { type: 'module' });
  return new Promise((resolve, reject) => {
    worker.onmessage = (e) => { worker.terminate(); resolve(e.data as Record<string, unknown>); };
    worker.onerror = (e) => { worker.terminate(); reject(new Error(e.message)); };
    worker.postMessage(req);
  });
}

Object.assign(window, { __bench: { saveFloor, dropFloor, probeSave, probeLiveQuery, seed, probeChunks, probeDashboardLoad, probeList, probeOpen, loadSummaries, search, save, dashboard, enrol, queueVisits, sync, prepareReadLayouts, readLayout } });
document.getElementById('status')!.textContent = 'ready';
