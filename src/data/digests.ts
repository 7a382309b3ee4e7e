/**
 * Keeping digests in step with the rows. Every writer of households, people or visits calls refreshDigests with
 * the households it touched, inside its own transaction (which must include db.digests): the digest then commits
 * or rolls back with the change it describes, so the list and the dashboard never see one without the other.
 */
import { db, type DigestRow } from './db';
import { toDigestRow } from './digest-upgrade';
import { summaryOf } from '../shared/digest';
import type { HouseholdSummary } from '../shared/search';

/** Rebuilds the digests of these households from their rows; a household no longer on the phone loses its digest. */
export async function refreshDigests(householdIds: Iterable<string>): Promise<void> {
  const ids = [...new Set(householdIds)];
  if (ids.length === 0) return;
  // One indexed getAll per household, all issued at once: far cheaper than a cursor over anyOf(ids).
  const [households, persons, visits] = await Promise.all([
    db.households.bulkGet(ids),
    Promise.all(ids.map((id) => db.persons.where('householdId').equals(id).toArray())),
    Promise.all(ids.map((id) => db.visits.where('householdId').equals(id).toArray())),
  ]);
  const rows: DigestRow[] = [];
  const gone: string[] = [];
  ids.forEach((id, i) => {
    const h = households[i];
    if (h) rows.push(toDigestRow(h, persons[i]!, visits[i]!));
    else gone.push(id);
  });
  if (rows.length) await db.digests.bulkPut(rows);
  if (gone.length) await db.digests.bulkDelete(gone);
}

export function rowToSummary(row: DigestRow): HouseholdSummary {
  return summaryOf({ ...row, demo: row.demo === 1 });
}
