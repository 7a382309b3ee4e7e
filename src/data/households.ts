/**
 * Household repository: the hamlet list, the household page, registration/editing and removal requests.
 * Every write stores the rows AND their outbox mutations in one strict transaction.
 */
import { z } from 'zod';
import { db, type HouseholdRow, type PersonRow, type VisitRow } from './db';
import { outboxRow } from './outbox';
import { nextHlc } from './meta';
import { parseInto, ValidationError, type FieldIssue } from './validation';
import { HouseholdFields, PersonFields, HOUSEHOLD_FIELDS, PERSON_FIELDS, type Household, type Person } from '../shared/schema';
import type { Mutation } from '../shared/protocol';
import { uuidv7 } from '../shared/ids';
import { householdState, nextFollowUp, type ItemState } from '../shared/state';
import { searchText, type HouseholdSummary } from '../shared/search';
import { compareViNames } from '../shared/text';

export type HouseholdFieldsInput = z.input<typeof HouseholdFields>;
export type PersonFieldsInput = Omit<z.input<typeof PersonFields>, 'householdId'>;

export interface HouseholdSave {
  /** Absent for a new household. */
  id?: string;
  fields: HouseholdFieldsInput;
  persons: { id?: string; fields: PersonFieldsInput }[];
  removedPersonIds?: string[];
}

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

function groupBy<T>(items: T[], key: (t: T) => string): Map<string, T[]> {
  const map = new Map<string, T[]>();
  for (const item of items) {
    const k = key(item);
    const list = map.get(k);
    if (list) list.push(item);
    else map.set(k, [item]);
  }
  return map;
}

const same = (a: unknown, b: unknown) => JSON.stringify(a) === JSON.stringify(b);

/** Fields that differ from the stored row (all of them for a new entity), with the HLC the device had for each. */
function diff<F extends string>(keys: readonly F[], next: Record<F, unknown>, prev: (Record<F, unknown> & { hlc: Record<string, string> }) | undefined) {
  const fields: Partial<Record<F, unknown>> = {};
  const base: Partial<Record<F, string | null>> = {};
  for (const k of keys) {
    if (prev && same(prev[k], next[k])) continue;
    fields[k] = next[k];
    base[k] = prev?.hlc[k] ?? null;
  }
  return { fields, base, changed: Object.keys(fields).length > 0 };
}

/**
 * Registers or edits a household and its members. Offline-safe: rows and outbox mutations (only the changed
 * fields, each with the HLC this device had as `base`) commit together or not at all. Throws ValidationError
 * with per-field Vietnamese messages and writes nothing when any input is invalid.
 */
export async function saveHousehold(input: HouseholdSave, now: number = Date.now()): Promise<string> {
  const id = input.id ?? uuidv7(now);
  const issues: FieldIssue[] = [];
  const fields = parseInto(HouseholdFields, input.fields, '', issues);
  const persons = input.persons.map((p, i) => ({ id: p.id ?? uuidv7(now), fields: parseInto(PersonFields, { ...p.fields, householdId: id }, `persons.${i}`, issues) }));
  if (!fields || issues.length) throw new ValidationError(issues);
  return db.transaction('rw', [db.households, db.persons, db.hamlets, db.outbox, db.meta], async () => {
    const hamlet = await db.hamlets.get(fields.hamletId);
    if (!hamlet) throw new ValidationError([{ path: 'hamletId', message: 'Thôn/bản này không có trên máy' }]);
    const prev = await db.households.get(id);
    if (input.id && !prev) throw new ValidationError([{ path: '', message: 'Hộ này không còn trên máy (có thể đã bị xoá)' }]);
    const demo = (prev ? prev.demo : hamlet.demo) === 1;
    const h = diff(HOUSEHOLD_FIELDS, fields, prev);
    if (h.changed) {
      const hlc = await nextHlc(now);
      const mutation = { id: uuidv7(now), type: 'household.put', entityId: id, hlc, payload: { fields: h.fields, base: h.base } } as Mutation;
      const row: HouseholdRow = {
        ...(prev ?? { id, communeId: hamlet.communeId, conflicts: [], hlc: {} }), ...fields,
        hlc: { ...prev?.hlc, ...Object.fromEntries(Object.keys(h.fields).map((k) => [k, hlc])) },
        ...(demo ? { demo: 1 as const } : {}),
      } as Household;
      await db.households.put(row);
      await db.outbox.add(outboxRow(mutation, id, demo, now));
    }
    for (const p of persons) {
      const pf = p.fields!;
      const prevP = await db.persons.get(p.id);
      if (prevP && prevP.householdId !== id) throw new ValidationError([{ path: 'persons', message: 'Thành viên thuộc hộ khác' }]);
      const d = diff(PERSON_FIELDS, pf, prevP);
      if (!d.changed) continue;
      const hlc = await nextHlc(now);
      const mutation = { id: uuidv7(now), type: 'person.put', entityId: p.id, hlc, payload: { fields: d.fields, base: d.base } } as Mutation;
      const row = {
        ...(prevP ?? { id: p.id, conflicts: [], hlc: {} }), ...pf,
        hlc: { ...prevP?.hlc, ...Object.fromEntries(Object.keys(d.fields).map((k) => [k, hlc])) },
        ...(demo ? { demo: 1 as const } : {}),
      } as Person;
      await db.persons.put(row);
      await db.outbox.add(outboxRow(mutation, id, demo, now));
    }
    for (const personId of input.removedPersonIds ?? []) {
      const prevP = await db.persons.get(personId);
      if (!prevP || prevP.householdId !== id) continue;
      const hlc = await nextHlc(now);
      await db.persons.delete(personId);
      await db.outbox.add(outboxRow({ id: uuidv7(now), type: 'person.delete', entityId: personId, hlc, payload: {} }, id, demo, now));
    }
    return id;
  });
}

/**
 * The household asked to be removed. Offline-safe: its rows, members, visits and draft disappear from this device
 * and a tombstone goes to the outbox in the same transaction; the server then erases it on every device.
 * Demo households are simply deleted (nothing to tell a server).
 */
export async function requestHouseholdRemoval(id: string, now: number = Date.now()): Promise<void> {
  await db.transaction('rw', [db.households, db.persons, db.visits, db.drafts, db.outbox, db.meta], async () => {
    const prev = await db.households.get(id);
    if (!prev) return;
    await db.households.delete(id);
    await db.persons.where('householdId').equals(id).delete();
    await db.visits.where('householdId').equals(id).delete();
    await db.drafts.delete(id);
    if (prev.demo === 1) {
      await db.outbox.where('householdId').equals(id).delete();
      return;
    }
    const hlc = await nextHlc(now);
    await db.outbox.add(outboxRow({ id: uuidv7(now), type: 'household.delete', entityId: id, hlc, payload: {} }, id, false, now));
  });
}
