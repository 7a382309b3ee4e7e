/**
 * Household reads: the hamlet list and the household page. Writes live in household-edits.ts so the first
 * route does not carry them.
 */
import { db, type HouseholdRow, type PersonRow, type VisitRow } from './db';
import { rowToSummary } from './digests';
import { householdState, latestVisitAt, nextFollowUp, type ItemState } from '../shared/state';
import type { HouseholdSummary } from '../shared/search';
import { compareViNameKeys, compareViNames, viNameKey } from '../shared/text';

export interface HouseholdDetail {
  household: HouseholdRow;
  persons: PersonRow[];
  /** Newest first. */
  visits: VisitRow[];
  /** Current outcome per (item, person), derived from visits; key = cellKey(item, personId). */
  state: Map<string, ItemState>;
  nextFollowUp: string | null;
  /** Time of the latest visit, as on the list (digest). */
  lastVisitAt: string | null;
  /** Outbox items of this household not yet acknowledged by the server. */
  unsynced: number;
  demo: boolean;
}

/** The hamlet's households for the list: one small digest row each (D19), in Vietnamese name order. */
export async function listHouseholdSummaries(hamletId: string): Promise<HouseholdSummary[]> {
  const rows = await db.digests.where('hamletId').equals(hamletId).toArray();
  // Decorate once, then sort (the collator is the slow part); search's name order then sorts already-sorted input.
  const keyed = rows.map((r) => ({ s: rowToSummary(r), key: viNameKey(r.label) }));
  keyed.sort((a, b) => compareViNameKeys(a.key, b.key));
  return keyed.map((k) => k.s);
}

export async function getHousehold(id: string): Promise<HouseholdDetail | undefined> {
  const household = await db.households.get(id);
  if (!household) return undefined;
  const [persons, visits, unsynced] = await Promise.all([
    db.persons.where('householdId').equals(id).toArray(),
    db.visits.where('householdId').equals(id).toArray(),
    db.outbox.where('householdId').equals(id).filter((o) => o.status === 'pending').count(),
  ]);
  persons.sort((a, b) => (a.birthYear ?? 9999) - (b.birthYear ?? 9999) || compareViNames(a.firstName, b.firstName));
  visits.sort((a, b) => Date.parse(b.at) - Date.parse(a.at) || (a.id < b.id ? 1 : -1));
  return { household, persons, visits, state: householdState(visits), nextFollowUp: nextFollowUp(visits), lastVisitAt: latestVisitAt(visits), unsynced, demo: household.demo === 1 };
}


