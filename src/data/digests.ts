/**
 * Keeping digests in step with the rows (D19). Every writer of households, people or visits calls refreshDigests
 * with the households it touched, inside its own transaction (which must include db.digests, db.householdFacts and db.hamletFacts): the
 * digest then commits or rolls back with the change it describes, and the facts bundle of every hamlet concerned
 * (before and after a move) is dropped, to be rebuilt from the digests when the dashboard next needs it.
 */
import { db, type DigestRow, type SummaryRow } from './db';
import { putDigests, toDigestRow } from './digest-upgrade';
import { summaryOf } from '../shared/digest';
import type { HouseholdSummary } from '../shared/search';

/** Rebuilds the digests of these households from their rows; a household no longer on the phone loses its digest. */
export async function refreshDigests(householdIds: Iterable<string>): Promise<void> {
  const ids = [...new Set(householdIds)];
  if (ids.length === 0) return;
  // One indexed getAll per household, all issued at once: far cheaper than a cursor over anyOf(ids).
  const [households, persons, visits, before] = await Promise.all([
    db.households.bulkGet(ids),
    Promise.all(ids.map((id) => db.persons.where('householdId').equals(id).toArray())),
    Promise.all(ids.map((id) => db.visits.where('householdId').equals(id).toArray())),
    db.digests.bulkGet(ids),
  ]);
  const rows: DigestRow[] = [];
  const gone: string[] = [];
  const hamlets = new Set<string>();
  ids.forEach((id, i) => {
    const h = households[i];
    if (h) { rows.push(toDigestRow(h, persons[i]!, visits[i]!)); hamlets.add(h.hamletId); }
    else gone.push(id);
    const old = before[i];
    if (old) hamlets.add(old.hamletId);
  });
  await Promise.all([
    rows.length ? putDigests(db.digests, db.householdFacts, rows) : undefined,
    gone.length ? db.digests.bulkDelete(gone) : undefined,
    gone.length ? db.householdFacts.bulkDelete(gone) : undefined,
    db.hamletFacts.bulkDelete([...hamlets]),
  ]);
}

export function rowToSummary(row: SummaryRow): HouseholdSummary {
  return summaryOf({ ...row, facts: '', demo: row.demo === 1 });
}
