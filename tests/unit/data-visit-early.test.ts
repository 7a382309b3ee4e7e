/**
 * The visit form reads ahead what its save needs (prepareVisit, D-V3); the save then checks those reads inside its
 * own transaction and writes at once. Whatever happens between the early read and the tap — another save, a household
 * edit, another writer's clock, a visit id already stored — the result must be what the long way would store: digests
 * equal to the rows, one visit and one outbox entry per visit id, a clock later than every clock before it.
 */
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { enrolled, freshDb, householdFields } from './data-helpers';
import { db } from '../../src/data/db';
import { refreshDigests } from '../../src/data/digests';
import { nextHlc } from '../../src/data/meta';
import { expectDigestsInStep } from './digest-helpers';
import { prepareVisit, recordVisit, saveHousehold } from '../../src/data/edits';
import { saveDraft } from '../../src/data/index';
import { uuidv7 } from '../../src/shared/ids';

beforeEach(freshDb);

/** Which way a save went: only the long way reads the household row in its transaction (the quick one checks the digest). */
const get = IDBObjectStore.prototype.get;
let householdReads = 0;
beforeEach(() => {
  IDBObjectStore.prototype.get = function (this: IDBObjectStore, ...args: Parameters<IDBObjectStore['get']>) {
    if (this.name === 'households' && this.transaction.mode === 'readwrite') householdReads++;
    return get.apply(this, args);
  };
});
afterEach(() => { IDBObjectStore.prototype.get = get; });
async function way(save: () => Promise<unknown>): Promise<'quick' | 'long'> {
  householdReads = 0;
  await save();
  return householdReads === 0 ? 'quick' : 'long';
}

const outcome = (item: string, personId: string | null) => ({ item, personId, outcome: 'done' as const, details: [], other: '' });

async function setUp() {
  const { hamlets } = await enrolled();
  const p1 = uuidv7();
  const id = await saveHousehold({ fields: householdFields(hamlets[0]!.id), persons: [
    { id: p1, fields: { firstName: 'Hùng', birthYear: 1950, hasSmartphone: true, sortName: '' } },
  ] });
  const base = { householdId: id, kind: 'home' as const, notes: 'Đã cài VNeID', followUpOn: null };
  return { id, p1, hamletId: hamlets[0]!.id, base };
}

describe('saving after the form read ahead (prepareVisit)', () => {
  it('writes at once and stores what the long way stores: visit, outbox entry, clock, digest, draft gone', async () => {
    const { id, p1, base } = await setUp();
    const visitId = uuidv7();
    await saveDraft({ ...base, id: visitId, outcomes: [] });
    await prepareVisit(id, visitId);
    const hlcBefore = (await db.meta.get('hlc'))!.value as string;
    householdReads = 0;
    const visit = await recordVisit({ ...base, id: visitId, outcomes: [outcome('vneid_l1', p1)] });
    expect(householdReads).toBe(0);
    expect(visit.id).toBe(visitId);
    const [outbox, ...more] = (await db.outbox.toArray()).filter((o) => o.mutation.type === 'visit.create');
    expect(more).toEqual([]);
    expect(outbox!.mutation).toMatchObject({ type: 'visit.create', entityId: visitId, payload: visit });
    expect(outbox!.mutation.hlc > hlcBefore).toBe(true);
    expect((await db.meta.get('hlc'))!.value).toBe(outbox!.mutation.hlc);
    expect(await db.drafts.get(id)).toBeUndefined();
    expect((await expectDigestsInStep())[0]).toMatchObject({ visitedEver: true });
    // The early read is used once: the next save of the same household goes the long way.
    expect(await way(() => recordVisit({ ...base, outcomes: [] }))).toBe('long');
    await expectDigestsInStep();
  });

  it('falls back to the long way when the household changed after the early read', async () => {
    const { id, hamletId, base } = await setUp();
    await prepareVisit(id);
    await saveHousehold({ id, fields: householdFields(hamletId, 'Lê Văn Hùng (con)'), persons: [] });
    expect(await way(() => recordVisit({ ...base, outcomes: [] }))).toBe('long');
    const [digest] = await expectDigestsInStep();
    expect(digest).toMatchObject({ label: 'Lê Văn Hùng (con)', visitedEver: true });
    expect(await db.visits.count()).toBe(1);
    expect((await db.outbox.toArray()).filter((o) => o.mutation.type === 'visit.create')).toHaveLength(1);
  });

  it('takes a clock later than one another writer took after the early read', async () => {
    const { id, base } = await setUp();
    await prepareVisit(id);
    const other = await db.transaction('rw', db.meta, () => nextHlc(Date.now() + 60_000)); // e.g. the sync worker
    householdReads = 0;
    const visit = await recordVisit({ ...base, outcomes: [] });
    expect(householdReads).toBe(1);
    const entry = (await db.outbox.toArray()).find((o) => o.entityId === visit.id);
    expect(entry!.mutation.hlc > other).toBe(true);
  });

  it('a visit id already stored gives back the stored visit, once, even if the digest did not say so', async () => {
    const { id, base } = await setUp();
    const visitId = uuidv7();
    const first = await recordVisit({ ...base, id: visitId, outcomes: [] });
    await prepareVisit(id, visitId);
    // The early read saw the visit: the long way answers with it.
    expect(await recordVisit({ ...base, id: visitId, outcomes: [outcome('zalo', null)] })).toEqual(first);
    // A visit row stored without its digest being told (as by an older app): the quick save's add fails, the
    // transaction rolls back whole, and the long way answers with the stored visit.
    const lateId = uuidv7();
    await prepareVisit(id, lateId);
    const late = { ...first, id: lateId };
    await db.visits.add(late);
    expect(await recordVisit({ ...base, id: lateId, outcomes: [outcome('zalo', null)] })).toEqual(late);
    expect(await db.visits.count()).toBe(2);
    expect((await db.outbox.toArray()).filter((o) => o.mutation.type === 'visit.create').map((o) => o.entityId)).toEqual([visitId]);
    await refreshDigests([id]);
    await expectDigestsInStep();
  });

  it('an early read for another household or visit is not used, and bad input is still refused', async () => {
    const { id, hamletId, base } = await setUp();
    const other = await saveHousehold({ fields: householdFields(hamletId, 'Bà Lan'), persons: [] });
    await prepareVisit(other);
    expect(await way(() => recordVisit({ ...base, outcomes: [] }))).toBe('long');
    await prepareVisit(id, uuidv7());
    expect(await way(() => recordVisit({ ...base, id: uuidv7(), outcomes: [] }))).toBe('long');
    await prepareVisit(id);
    expect(await way(() => recordVisit({ ...base, outcomes: [] }))).toBe('quick');
    await prepareVisit(id);
    await expect(recordVisit({ ...base, outcomes: [{ item: 'vneid_l1', personId: null, outcome: 'nonsense' as never, details: [], other: '' }] }))
      .rejects.toMatchObject({ name: 'ValidationError' });
    expect(await db.visits.count()).toBe(3);
    await expectDigestsInStep();
  });
});
