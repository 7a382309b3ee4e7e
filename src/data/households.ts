/**
 * Household reads: the hamlet list and the household page. Writes live in household-edits.ts so the first
 * route does not carry them.
 */
import { db, type HouseholdRow, type PersonRow, type VisitRow } from './db';
import { householdState, nextFollowUp, type ItemState } from '../shared/state';
import { searchText, type HouseholdSummary } from '../shared/search';
import { compareViNames } from '../shared/text';
import { groupBy } from '../shared/group';

export interface HouseholdDetail {
  household: HouseholdRow;
  persons: PersonRow[];
  /** Newest first. */
  visits: VisitRow[];
  /** Current outcome per (item, person), derived from visits; key = cellKey(item, personId). */
  state: Map<string, ItemState>;
  nextFollowUp: string | null;
  /** Outbox items of this household not yet acknowledged by the server. */
  unsynced: number;
  demo: boolean;
}

export async function listHouseholdSummaries(hamletId: string): Promise<HouseholdSummary[]> {
  const [households, visits] = await Promise.all([
    db.households.where('hamletId').equals(hamletId).toArray(),
    db.visits.where('hamletId').equals(hamletId).toArray(),
  ]);
  const persons = await db.persons.where('householdId').anyOf(households.map((h) => h.id)).toArray();
  const personsBy = groupBy(persons, (p) => p.householdId);
  const visitsBy = groupBy(visits, (v) => v.householdId);
  const summaries = households.map((h): HouseholdSummary => {
    const hv = visitsBy.get(h.id) ?? [];
    const names = (personsBy.get(h.id) ?? []).map((p) => p.firstName);
    let last: string | null = null;
    for (const v of hv) if (last === null || Date.parse(v.at) > Date.parse(last)) last = v.at;
    return {
      id: h.id, hamletId: h.hamletId, label: h.label, houseNo: h.houseNo, alley: h.alley, phone: h.phone,
      priority: h.priority, producer: h.producer, personsCount: names.length, visitedEver: hv.length > 0,
      lastVisitAt: last, nextFollowUp: hv.length ? nextFollowUp(hv) : null, hasConflicts: h.conflicts.length > 0,
      demo: h.demo === 1, searchText: searchText(h, names),
    };
  });
  // Sorted once here so that search's name order (TimSort on sorted input) is cheap.
  return summaries.sort((a, b) => compareViNames(a.label, b.label));
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
  return { household, persons, visits, state: householdState(visits), nextFollowUp: nextFollowUp(visits), unsynced, demo: household.demo === 1 };
}


