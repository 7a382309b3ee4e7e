/**
 * Registering and editing households, and removal requests. Every write stores the rows AND their outbox
 * mutations in one strict transaction.
 */
import { clearListPaint } from './first-paint';
import type { z } from 'zod';
import { db, type HouseholdRow } from './db';
import { outboxRow } from './outbox';
import { nextHlc } from './meta';
import { refreshDigests } from './digests';
import { validation, ValidationError, type FieldIssue } from './validation';
import type { HouseholdFields, PersonFields, Household, Person } from '../shared/schema';
import type { Mutation } from '../shared/protocol';
import { HOUSEHOLD_FIELD_NAMES, PERSON_FIELD_NAMES } from '../shared/fields';
import { uuidv7 } from '../shared/ids';
import { vnDate } from '../shared/vn-date';

type Schemas = typeof import('../shared/schema');
export type HouseholdFieldsInput = z.input<Schemas['HouseholdFields']>;
export type PersonFieldsInput = Omit<z.input<Schemas['PersonFields']>, 'householdId'>;

export interface HouseholdSave {
  /** Absent for a new household. */
  id?: string;
  fields: HouseholdFieldsInput;
  persons: { id?: string; fields: PersonFieldsInput }[];
  removedPersonIds?: string[];
  /**
   * The copy the form showed when it opened. Only what the volunteer changed from it is written, with its clocks as
   * `base`: a field or member that a sync changed or removed while the form was open is left as the sync made it
   * (or flagged as a concurrent edit when both changed it), not written back. Absent: compared with the stored rows.
   */
  from?: { household: Household; persons: Person[] };
}

const same = (a: unknown, b: unknown) => JSON.stringify(a) === JSON.stringify(b);

/** Fields that differ from the copy shown (all of them for a new entity), with the HLC that copy had for each. */
function diff<F extends string>(keys: readonly F[], next: Record<F, unknown>, shown: (Record<F, unknown> & { hlc: Record<string, string> }) | undefined) {
  const fields: Partial<Record<F, unknown>> = {};
  const base: Partial<Record<F, string | null>> = {};
  for (const k of keys) {
    if (shown && same(shown[k], next[k])) continue;
    fields[k] = next[k];
    base[k] = shown?.hlc[k] ?? null;
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
  const { schema, parseInto } = await validation();
  const fields: HouseholdFields | undefined = parseInto(schema.HouseholdFields, input.fields, '', issues);
  const persons = input.persons.map((p, i) => ({ id: p.id ?? uuidv7(now), fields: parseInto(schema.PersonFields, { ...p.fields, householdId: id }, `persons.${i}`, issues) as PersonFields | undefined }));
  if (!fields || issues.length) throw new ValidationError(issues);
  // Checked here, not in the shared schema (pulled data must never be refused because of this phone's clock), and only
  // for a year typed now: a phone whose date was reset to 2001 must still save an edit of a household with a child.
  const thisYear = Number(vnDate(now).slice(0, 4));
  return db.transaction('rw', [db.households, db.persons, db.visits, db.hamlets, db.outbox, db.meta, db.digests, db.householdFacts, db.hamletFacts], async () => {
    const hamlet = await db.hamlets.get(fields.hamletId);
    if (!hamlet) throw new ValidationError([{ path: 'hamletId', message: 'Thôn/bản này không có trên máy' }]);
    const prev = await db.households.get(id);
    if (input.id && !prev) throw new ValidationError([{ path: '', message: 'Hộ này không còn trên máy (có thể đã bị xoá)' }]);
    const demo = (prev ? prev.demo : hamlet.demo) === 1;
    const h = diff(HOUSEHOLD_FIELD_NAMES, fields, prev && (input.from?.household ?? prev));
    if (h.changed) {
      const hlc = await nextHlc(now);
      const mutation = { id: uuidv7(now), type: 'household.put', entityId: id, hlc, payload: { fields: h.fields, base: h.base } } as Mutation;
      const row: HouseholdRow = {
        ...(prev ?? { id, communeId: hamlet.communeId, conflicts: [], hlc: {} }), ...h.fields,
        hlc: { ...prev?.hlc, ...Object.fromEntries(Object.keys(h.fields).map((k) => [k, hlc])) },
        ...(demo ? { demo: 1 as const } : {}),
      } as Household;
      await db.households.put(row);
      await db.outbox.add(outboxRow(mutation, id, demo, now));
    }
    const shownPersons = new Map(input.from?.persons.map((p) => [p.id, p]));
    for (const [i, p] of persons.entries()) {
      const pf = p.fields!;
      const prevP = await db.persons.get(p.id);
      if (prevP && prevP.householdId !== id) throw new ValidationError([{ path: 'persons', message: 'Thành viên thuộc hộ khác' }]);
      const shownP = shownPersons.get(p.id);
      const year = pf.birthYear;
      if (year !== null && year > thisYear && year !== (shownP ?? prevP)?.birthYear) {
        throw new ValidationError([{ path: `persons.${i}.birthYear`, message: 'Năm sinh không thể sau năm nay' }]);
      }
      // Removed by a sync while the form was open: stays removed. Edited here too: say so (re-creating them would be
      // refused by the server, and the phone would keep a member nobody else has).
      if (!prevP && shownP) {
        if (!diff(PERSON_FIELD_NAMES, pf, shownP).changed) continue;
        throw new ValidationError([{ path: `persons.${i}.firstName`, message: 'Thành viên này vừa được xoá ở máy khác (đồng bộ); hãy bỏ dòng này rồi lưu lại' }]);
      }
      const d = diff(PERSON_FIELD_NAMES, pf, prevP && (shownP ?? prevP));
      if (!d.changed) continue;
      const hlc = await nextHlc(now);
      const mutation = { id: uuidv7(now), type: 'person.put', entityId: p.id, hlc, payload: { fields: d.fields, base: d.base } } as Mutation;
      const row = {
        ...(prevP ?? { id: p.id, conflicts: [], hlc: {} }), ...d.fields,
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
    await refreshDigests([id]);
    return id;
  });
}

/**
 * The household asked to be removed. Offline-safe: its rows, members, visits and draft disappear from this device
 * and a tombstone goes to the outbox in the same transaction; the server then erases it on every device.
 * Demo households are simply deleted (nothing to tell a server).
 */
export async function requestHouseholdRemoval(id: string, now: number = Date.now()): Promise<void> {
  clearListPaint(); // the first-paint copy (D21) must not show it again
  await db.transaction('rw', [db.households, db.persons, db.visits, db.drafts, db.outbox, db.meta, db.digests, db.householdFacts, db.hamletFacts], async () => {
    const prev = await db.households.get(id);
    if (!prev) return;
    await db.households.delete(id);
    await db.persons.where('householdId').equals(id).delete();
    await db.visits.where('householdId').equals(id).delete();
    await db.drafts.delete(id);
    await refreshDigests([id]); // the household is gone: its digest goes, and its hamlet's bundle
    if (prev.demo === 1) {
      await db.outbox.where('householdId').equals(id).delete();
      return;
    }
    const hlc = await nextHlc(now);
    await db.outbox.add(outboxRow({ id: uuidv7(now), type: 'household.delete', entityId: id, hlc, payload: {} }, id, false, now));
  });
}
