/**
 * Building digests in bulk: on the schema upgrade that introduced them (every household already on the phone) and
 * for the demo commune. Kept apart from digests.ts because db.ts imports it (the upgrade runs inside Dexie's
 * version-change transaction, with `tx.table`, not the global `db`).
 */
import type { Transaction } from 'dexie';
import type { Table } from 'dexie';
import type { DigestRow, FactsRow, HouseholdRow, PersonRow, SummaryRow, VisitRow } from './db';
import { buildDigest } from '../shared/digest';
import { groupBy } from '../shared/group';

export function toDigestRow(h: HouseholdRow, persons: readonly PersonRow[], visits: readonly VisitRow[]): DigestRow {
  const { demo: _demo, ...digest } = buildDigest(h, persons, visits, h.demo === 1);
  return h.demo === 1 ? { ...digest, demo: 1 } : digest;
}

export function digestRows(households: readonly HouseholdRow[], persons: readonly PersonRow[], visits: readonly VisitRow[]): DigestRow[] {
  const personsBy = groupBy(persons, (p) => p.householdId);
  const visitsBy = groupBy(visits, (v) => v.householdId);
  return households.map((h) => toDigestRow(h, personsBy.get(h.id) ?? [], visitsBy.get(h.id) ?? []));
}

/** How a digest is stored: the summary in `digests`, the facts in `householdFacts` (same key). */
export const summaryRowOf = ({ facts: _facts, ...summary }: DigestRow): SummaryRow => summary;
export const factsRowOf = (d: DigestRow): FactsRow =>
  ({ id: d.id, hamletId: d.hamletId, label: d.label, priority: d.priority, facts: d.facts, ...(d.demo ? { demo: 1 as const } : {}) });

export function putDigests(summaries: Table<SummaryRow, string>, facts: Table<FactsRow, string>, rows: readonly DigestRow[]): Promise<unknown> {
  return Promise.all([summaries.bulkPut(rows.map(summaryRowOf)), facts.bulkPut(rows.map(factsRowOf))]);
}

export async function rebuildAllDigests(tx: Transaction): Promise<void> {
  const [households, persons, visits] = await Promise.all([
    tx.table<HouseholdRow>('households').toArray(), tx.table<PersonRow>('persons').toArray(), tx.table<VisitRow>('visits').toArray(),
  ]);
  await putDigests(tx.table('digests'), tx.table('householdFacts'), digestRows(households, persons, visits));
}
