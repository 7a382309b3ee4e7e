/**
 * Seeds the app's own IndexedDB with a large demo commune through the real data layer (loadDemo: one bulk
 * transaction). Imported with `import('/__bench/seed.js')` from a page of the app's origin.
 */
import { loadDemo } from '../../src/data/edits';
import { DEMO_NOW_MS } from '../../src/shared/demo';

export interface SeedOptions { seed: number; households: number; visitsPerHousehold: number }

export async function seed(opts: SeedOptions): Promise<{ ms: number }> {
  const t0 = performance.now();
  await loadDemo({ ...opts, now: DEMO_NOW_MS });
  return { ms: performance.now() - t0 };
}

/** Where the cold start's time goes: the household list's data load for the selected hamlet, in parts. */
export async function probeList(): Promise<Record<string, number>> {
  const { listHamlets, listHouseholdSummaries, getSettings } = await import('../../src/data');
  const t0 = performance.now();
  const settings = await getSettings();
  const hamlets = await listHamlets();
  const t1 = performance.now();
  const hamletId = settings.hamletId ?? hamlets[0]!.id;
  const list = await listHouseholdSummaries(hamletId);
  const t2 = performance.now();
  // The same reads as listHouseholdSummaries, one by one, and an alternative for the persons read.
  const { db } = await import('../../src/data/db');
  const households = await db.households.where('hamletId').equals(hamletId).toArray();
  const t3 = performance.now();
  const visits = await db.visits.filter((v) => v.hamletId === hamletId).toArray(); // no hamletId index since v2 (the list reads digests)
  const t4 = performance.now();
  const persons = await db.persons.where('householdId').anyOf(households.map((h) => h.id)).toArray();
  const t5 = performance.now();
  const perHousehold = (await Promise.all(households.map((h) => db.persons.where('householdId').equals(h.id).toArray()))).flat();
  const t6 = performance.now();
  const allPersons = await db.persons.toArray();
  const t7 = performance.now();
  return {
    settingsAndHamletsMs: t1 - t0, summariesMs: t2 - t1, households: list.length, householdsReadMs: t3 - t2,
    visitsReadMs: t4 - t3, visits: visits.length, personsAnyOfMs: t5 - t4, persons: persons.length,
    personsPerHouseholdGetAllMs: t6 - t5, personsCheck: perHousehold.length, allPersonsGetAllMs: t7 - t6, allPersons: allPersons.length,
  };
}

/**
 * Where the dashboard's load goes: columnar bundles read (D-R4) and merged into the figures' input; the whole loader;
 * the same facts as the JSON bundles of D19 (built here from householdFacts), parsed and decoded, for comparison.
 */
export async function probeDashboardLoad(): Promise<Record<string, number>> {
  const { db } = await import('../../src/data/db');
  const { bundleFacts, priorityOf, unbundleFacts } = await import('../../src/shared/hamlet-facts');
  const { preparedFromColumns } = await import('../../src/shared/report/columns');
  const { loadDashboardData } = await import('../../src/data/reports');
  const t0 = performance.now();
  await loadDashboardData(); // rebuilds any bundle a write dropped
  const t1 = performance.now();
  const bundles = await db.hamletFacts.toArray();
  const t2 = performance.now();
  const { prepared } = preparedFromColumns(bundles.map((b) => ({ hamletId: b.hamletId, columns: b.bundle as never })), priorityOf);
  const t3 = performance.now();
  await loadDashboardData();
  const t4 = performance.now();
  const facts = await db.householdFacts.toArray();
  const json = bundles.map((b) => bundleFacts(facts.filter((f) => f.hamletId === b.hamletId)));
  const t5 = performance.now();
  let chars = 0, visits = 0;
  for (const [i, b] of bundles.entries()) { chars += json[i]!.length; for (const f of unbundleFacts(b.hamletId, json[i]!)) visits += f.visits.length; }
  const t6 = performance.now();
  return {
    firstLoaderMs: t1 - t0, bundles: bundles.length, bundlesReadMs: t2 - t1, mergeMs: t3 - t2, visits: prepared.ms.length, loaderMs: t4 - t3,
    jsonChars: chars, jsonParseAndDecodeMs: t6 - t5, jsonVisits: visits,
  };
}

/** Does IndexedDB read one 5 MB string faster as 18 large rows or as many rows under Chrome's 64 KB blob-wrap limit? */
export async function probeChunks(): Promise<Record<string, number>> {
  const { default: Dexie } = await import('dexie');
  const { db } = await import('../../src/data/db');
  const text = (await db.householdFacts.toArray()).map((f) => f.facts).join(''); // ≈ the JSON bundles of D19
  const out: Record<string, number> = { chars: text.length };
  for (const size of [300_000, 60_000, 30_000, 15_000]) {
    const name = `probe-chunks-${size}`;
    await Dexie.delete(name);
    const pdb = new Dexie(name);
    pdb.version(1).stores({ c: 'k' });
    const rows = [];
    for (let i = 0, k = 0; i < text.length; i += size, k++) rows.push({ k, s: text.slice(i, i + size) });
    await pdb.table('c').bulkPut(rows);
    pdb.close();
    const again = new Dexie(name);
    again.version(1).stores({ c: 'k' });
    await again.open();
    const t0 = performance.now();
    const read = await again.table('c').toArray();
    out[`rows${size}`] = read.length;
    out[`readMs${size}`] = performance.now() - t0;
    again.close();
    await Dexie.delete(name);
  }
  return out;
}

/** A fresh page's first IndexedDB access: opening the database, then a first small read, then the list's read. */
export async function probeOpen(): Promise<Record<string, number>> {
  const { db } = await import('../../src/data/db');
  const { listHouseholdSummaries, getSettings } = await import('../../src/data');
  const { default: Dexie } = await import('dexie');
  const tiny = new Dexie('probe-tiny');
  tiny.version(1).stores({ t: 'k' });
  const ta = performance.now();
  await tiny.open();
  await tiny.table('t').put({ k: 1 });
  const tb = performance.now();
  tiny.close();
  const t0 = performance.now();
  await db.open();
  const t1 = performance.now();
  const settings = await getSettings();
  const t2 = performance.now();
  const list = await listHouseholdSummaries(settings.hamletId!);
  const t3 = performance.now();
  return { tinyOpenAndPutMs: tb - ta, openMs: t1 - t0, firstReadMs: t2 - t1, listMs: t3 - t2, rows: list.length };
}

