import { beforeEach, describe, expect, it } from 'vitest';
import { enrolled, freshDb, householdFields } from './data-helpers';
import { db } from '../../src/data/db';
import { getHousehold, listHouseholdSummaries, listOutbox, isValidationError, ValidationError } from '../../src/data/index';
import { requestHouseholdRemoval, saveHousehold } from '../../src/data/edits';

beforeEach(freshDb);

describe('households repository', () => {
  it('registers a household with members: rows and outbox mutations together', async () => {
    const { hamlets } = await enrolled();
    const id = await saveHousehold({
      fields: householdFields(hamlets[0]!.id),
      persons: [{ fields: { firstName: 'Hùng', birthYear: 1950, hasSmartphone: false, sortName: '' } }, { fields: { firstName: 'Mai', birthYear: 1980, hasSmartphone: true, sortName: '' } }],
    });
    const detail = await getHousehold(id);
    expect(detail?.household.label).toBe('Lê Văn Hùng');
    expect(detail?.household.phone).toBe('0912345678');
    expect(detail?.persons.map((p) => p.firstName)).toEqual(['Hùng', 'Mai']);
    expect(detail?.unsynced).toBe(3);
    const outbox = await listOutbox();
    expect(outbox.map((o) => o.type)).toEqual(['household.put', 'person.put', 'person.put']);
    const put = (await db.outbox.orderBy('seq').first())!.mutation;
    expect(put.type === 'household.put' && put.payload.base.label).toBeNull();
    expect(detail!.household.hlc.label).toBe(put.hlc);
  });

  it('an edit sends only the changed fields with the HLC the device had as base', async () => {
    const { hamlets } = await enrolled();
    const id = await saveHousehold({ fields: householdFields(hamlets[0]!.id), persons: [] });
    const before = (await getHousehold(id))!.household;
    await saveHousehold({ id, fields: householdFields(hamlets[0]!.id, 'Lê Văn Hưng'), persons: [] });
    const rows = await db.outbox.orderBy('seq').toArray();
    expect(rows).toHaveLength(2);
    const edit = rows[1]!.mutation;
    if (edit.type !== 'household.put') throw new Error('expected a put');
    expect(Object.keys(edit.payload.fields)).toEqual(['label']);
    expect(edit.payload.base).toEqual({ label: before.hlc.label });
    expect(edit.hlc > before.hlc.label!).toBe(true);
    // Saving the same values again changes nothing.
    await saveHousehold({ id, fields: householdFields(hamlets[0]!.id, 'Lê Văn Hưng'), persons: [] });
    expect(await db.outbox.count()).toBe(2);
  });

  it('an edit from a form opened before a sync writes only what the volunteer changed: the sync\'s changes stay', async () => {
    const { hamlets } = await enrolled();
    const id = await saveHousehold({ fields: householdFields(hamlets[0]!.id), persons: [
      { fields: { firstName: 'Hùng', birthYear: 1950, hasSmartphone: false, sortName: '' } }, { fields: { firstName: 'Mai', birthYear: 1980, hasSmartphone: true, sortName: '' } },
    ] });
    const opened = (await getHousehold(id))!; // the form opens
    const [hung, mai] = opened.persons;
    // While it is open, a sync brings another phone's new phone number and a removed member.
    const later = 'zzzzzzzzzzzzzzz:0000:other';
    await db.households.update(id, { phone: '0987000111', hlc: { ...opened.household.hlc, phone: later } });
    await db.persons.delete(mai!.id);
    const { id: _i, communeId: _c, hlc: _h, conflicts: _x, demo: _d, ...shown } = opened.household;
    await saveHousehold({
      id, fields: { ...shown, label: 'Lê Văn Hưng' }, from: { household: opened.household, persons: opened.persons },
      persons: opened.persons.map((p) => ({ id: p.id, fields: { firstName: p.firstName, birthYear: p.birthYear, hasSmartphone: p.hasSmartphone, sortName: p.sortName } })),
    });
    const after = (await getHousehold(id))!;
    expect(after.household.label).toBe('Lê Văn Hưng');
    expect(after.household.phone).toBe('0987000111');
    expect(after.household.hlc.phone).toBe(later);
    expect(after.persons.map((p) => p.id)).toEqual([hung!.id]);
    const put = (await db.outbox.orderBy('seq').toArray()).at(-1)!.mutation;
    expect(put.type === 'household.put' && Object.keys(put.payload.fields)).toEqual(['label']);
    expect(await db.outbox.count()).toBe(4); // the three creations and this one edit: no person written back
    // A field both the sync and the volunteer changed goes with the clock the form had, so the server can flag it.
    await saveHousehold({
      id, fields: { ...shown, label: 'Lê Văn Hưng', phone: '0911222333' }, from: { household: opened.household, persons: opened.persons }, persons: [],
    });
    const edit = (await db.outbox.orderBy('seq').toArray()).at(-1)!.mutation;
    expect(edit.type === 'household.put' && edit.payload.base).toMatchObject({ phone: opened.household.hlc.phone });
    // The removed member edited in the same form: the volunteer is told, nothing is written.
    const before = await db.outbox.count();
    const err = await saveHousehold({
      id, fields: { ...shown, label: 'Lê Văn Hưng' }, from: { household: opened.household, persons: opened.persons },
      persons: [{ id: mai!.id, fields: { firstName: 'Mai Anh', birthYear: mai!.birthYear, hasSmartphone: mai!.hasSmartphone, sortName: mai!.sortName } }],
    }).catch((e: unknown) => e);
    expect(isValidationError(err) && (err as ValidationError).fieldErrors).toEqual({ 'persons.0.firstName': expect.stringMatching(/vừa được xoá/) });
    expect(await db.outbox.count()).toBe(before);
    expect(await db.persons.get(mai!.id)).toBeUndefined();
  });

  it('bad input throws a ValidationError with field paths and Vietnamese messages, writing nothing', async () => {
    const { hamlets } = await enrolled();
    const err = await saveHousehold({
      fields: householdFields(hamlets[0]!.id, '   ', { phone: '12ab' }),
      persons: [{ fields: { firstName: '', birthYear: 1800, hasSmartphone: false, sortName: '' } }],
    }).catch((e: unknown) => e);
    expect(isValidationError(err)).toBe(true);
    const fe = (err as ValidationError).fieldErrors;
    expect(fe.label).toBe('Không được để trống');
    expect(fe.phone).toBe('Số điện thoại 8–15 chữ số');
    expect(fe['persons.0.firstName']).toBe('Không được để trống');
    expect(fe['persons.0.birthYear']).toBe('Năm sinh: 4 chữ số từ 1900, ví dụ 1958');
    expect(await db.households.count()).toBe(0);
    expect(await db.outbox.count()).toBe(0);
  });

  it('a birth year after this year is refused on the phone, with the member\'s field path', async () => {
    const { hamlets } = await enrolled();
    const now = Date.parse('2026-11-26T03:00:00Z');
    const err = await saveHousehold({ fields: householdFields(hamlets[0]!.id), persons: [
      { fields: { firstName: 'An', birthYear: 2026, hasSmartphone: false, sortName: '' } }, { fields: { firstName: 'Bình', birthYear: 2099, hasSmartphone: false, sortName: '' } },
    ] }, now).catch((e: unknown) => e);
    expect(isValidationError(err) && (err as ValidationError).fieldErrors).toEqual({ 'persons.1.birthYear': 'Năm sinh không thể sau năm nay' });
    expect(await db.households.count()).toBe(0);
    // A year already stored is not typed now: a phone whose date was reset to 2001 still saves an edit of that household.
    const id = await saveHousehold({ fields: householdFields(hamlets[0]!.id), persons: [{ fields: { firstName: 'Bé', birthYear: 2010, hasSmartphone: false, sortName: '' } }] }, now);
    const opened = (await getHousehold(id))!;
    const reset = Date.parse('2001-01-01T00:00:00Z');
    await saveHousehold({ id, fields: householdFields(hamlets[0]!.id, 'Lê Văn Hùng', { alley: 'Cuối bản' }), from: { household: opened.household, persons: opened.persons },
      persons: opened.persons.map((p) => ({ id: p.id, fields: { firstName: p.firstName, birthYear: p.birthYear, hasSmartphone: p.hasSmartphone, sortName: p.sortName } })) }, reset);
    expect((await getHousehold(id))!.household.alley).toBe('Cuối bản');
  });

  it('an unknown hamlet is a validation error on hamletId', async () => {
    await enrolled();
    const err = await saveHousehold({ fields: householdFields('0190a000-0000-7000-8000-000000000000'), persons: [] }).catch((e: unknown) => e);
    expect((err as ValidationError).fieldErrors.hamletId).toMatch(/không có trên máy/);
  });

  it('summaries carry counts and folded words; removal erases locally and queues a tombstone', async () => {
    const { hamlets } = await enrolled();
    const id = await saveHousehold({ fields: householdFields(hamlets[0]!.id), persons: [{ fields: { firstName: 'Dũng', birthYear: null, hasSmartphone: true, sortName: '' } }] });
    const [s] = await listHouseholdSummaries(hamlets[0]!.id);
    expect(s).toMatchObject({ id, personsCount: 1, visitedEver: false, lastVisitAt: null, nextFollowUp: null, demo: false });
    for (const w of ['le', 'van', 'hung', '12', 'dung', '0912345678']) expect(s!.searchText).toContain(` ${w} `);
    expect(await listHouseholdSummaries(hamlets[1]!.id)).toEqual([]);
    await requestHouseholdRemoval(id);
    expect(await getHousehold(id)).toBeUndefined();
    expect(await db.persons.count()).toBe(0);
    const last = (await listOutbox()).at(-1)!;
    expect(last).toMatchObject({ type: 'household.delete', entityId: id, status: 'pending' });
  });
});
