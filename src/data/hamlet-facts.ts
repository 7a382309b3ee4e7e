/**
 * The dashboard's read: one facts bundle per hamlet (src/shared/hamlet-facts.ts, columns since D-R4). A bundle is a
 * cache over the hamlet's digests; writers delete it (refreshDigests, recordVisit), and it is rebuilt here from the
 * digests in the same transaction that stores it, so a bundle never mixes data from before and after a write. A
 * bundle of an older encoding is rebuilt the same way: nothing to migrate.
 */
import { db, type HamletFactsRow } from './db';
import { getMeta, type Device } from './meta';
import { BUNDLE_VERSION, hamletBundle } from '../shared/hamlet-facts';
import { isColumns } from '../shared/hamlet-columns';
import type { HamletColumnsRow } from '../shared/report/columns';
import { LEADER_ROLES } from '../shared/schema';

const fresh = (row: HamletFactsRow | undefined): row is HamletFactsRow => row !== undefined && row.v === BUNDLE_VERSION && isColumns(row.bundle);

/** The bundles of these hamlets, rebuilding the ones that writes have dropped. */
async function bundles(hamletIds: readonly string[]): Promise<HamletFactsRow[]> {
  const ids = [...hamletIds];
  const rows = await db.transaction('r', db.hamletFacts, () => db.hamletFacts.bulkGet(ids));
  if (rows.every(fresh)) return rows;
  return db.transaction('rw', [db.householdFacts, db.hamletFacts], async () => {
    const current = await db.hamletFacts.bulkGet(ids);
    return Promise.all(ids.map(async (hamletId, i) => {
      const row = current[i];
      if (fresh(row)) return row;
      const facts = await db.householdFacts.where('hamletId').equals(hamletId).toArray();
      const rebuilt = hamletBundle(hamletId, facts);
      await db.hamletFacts.put(rebuilt);
      return rebuilt;
    }));
  });
}

/** The columnar facts of every household of these hamlets, hamlet by hamlet in the order given. */
export async function hamletColumns(hamletIds: readonly string[]): Promise<HamletColumnsRow[]> {
  return (await bundles(hamletIds)).map((r) => ({ hamletId: r.hamletId, columns: r.bundle as HamletColumnsRow['columns'] }));
}

/**
 * After a sync on a leader's phone, rebuild the bundles the pulled pages dropped (in the worker, off the UI), so
 * the dashboard opens without that wait. Members' phones never open the dashboard: nothing to do there.
 */
export async function warmHamletFacts(): Promise<number> {
  const device = await getMeta<Device>('device');
  if (!device || !LEADER_ROLES.includes(device.member.role)) return 0;
  const ids = (await db.hamlets.where('communeId').equals(device.commune.id).primaryKeys()) as string[];
  await bundles(ids);
  return ids.length;
}
