import { beforeEach, describe, expect, it } from 'vitest';
import { enrolled, freshDb, householdFields } from './data-helpers';
import { db } from '../../src/data/db';
import { getHousehold } from '../../src/data/index';
import { recordVisit, saveHousehold } from '../../src/data/edits';
import { restampFuture } from '../../src/data/clock-repair';
import { HLC_MAX_DRIFT_MS, compareHlc, decodeHlc } from '../../src/shared/hlc';

beforeEach(freshDb);

const NOW = Date.parse('2026-11-26T08:00:00Z');
const AHEAD = NOW + 400 * 24 * 3600 * 1000;
const refuse = (seq: number, status: 'rejected' | 'conflict' = 'rejected') => db.outbox.update(seq, { status, reason: 'từ chối' });

describe('restampFuture: what a wrong date left refused is stamped afresh', () => {
  it('re-stamps refused items stamped more than a day ahead, in outbox order, with the values the phone shows now', async () => {
    const res = await enrolled();
    const hamletId = res.hamlets[0]!.id;
    const householdId = await saveHousehold({
      fields: householdFields(hamletId), persons: [{ fields: { firstName: 'Hùng', birthYear: 1950, hasSmartphone: false, sortName: '' } }],
    }, AHEAD);
    const { id: _i, communeId: _c, hlc: _h, conflicts: _x, demo: _d, ...fields } = (await getHousehold(householdId))!.household;
    await recordVisit({ householdId, kind: 'home', outcomes: [], notes: '', followUpOn: null }, AHEAD);
    // Stamped with a right clock but refused for another reason: left alone.
    await saveHousehold({ id: householdId, fields: { ...fields, alley: 'Đầu ngõ' }, persons: [] }, NOW - 60_000);
    const rows = await db.outbox.orderBy('seq').toArray();
    expect(rows.map((r) => r.mutation.type)).toEqual(['household.put', 'person.put', 'visit.create', 'household.put']);
    for (const r of rows) await refuse(r.seq!);
    // A conflict (same id, other content) is not a clock problem, even when stamped ahead.
    const conflictSeq = await db.outbox.add({ ...rows[2]!, seq: undefined, mutationId: 'c1', status: 'conflict' });
    const personId = rows[1]!.entityId;
    const oldPersonStamp = rows[1]!.mutation.hlc;

    const seqs = await restampFuture(NOW);
    expect(seqs).toEqual(rows.slice(0, 3).map((r) => r.seq));
    const after = await db.outbox.orderBy('seq').toArray();
    expect(after.map((r) => r.status)).toEqual(['pending', 'pending', 'pending', 'rejected', 'conflict']);
    expect(after.slice(0, 3).every((r) => r.reason === undefined)).toBe(true);
    const stamps = after.slice(0, 3).map((r) => r.mutation.hlc);
    for (const h of stamps) expect(decodeHlc(h).wallMs).toBeLessThanOrEqual(NOW + HLC_MAX_DRIFT_MS);
    expect([...stamps].sort(compareHlc)).toEqual(stamps); // outbox order kept
    expect(after[3]!.mutation.hlc).toBe(rows[3]!.mutation.hlc);
    expect((await db.outbox.get(conflictSeq))!.mutation.hlc).toBe(rows[2]!.mutation.hlc);
    // A re-sent edit carries what the phone shows now: the later edit's alley, not the older value it wrote (which,
    // stamped now, would win over the later edit on the server). Its fields take the new stamp on the phone too.
    const creation = after[0]!.mutation as Extract<typeof after[0]['mutation'], { type: 'household.put' }>;
    expect(creation.payload.fields.alley).toBe('Đầu ngõ');
    expect(creation.payload.fields.label).toBe('Lê Văn Hùng');
    const household = (await getHousehold(householdId))!.household;
    expect(household.alley).toBe('Đầu ngõ');
    expect(household.hlc.alley).toBe(stamps[0]);
    expect(household.hlc.label).toBe(stamps[0]);
    const person = await db.persons.get(personId);
    expect(Object.values(person!.hlc)).not.toContain(oldPersonStamp);
    expect(person!.hlc.firstName).toBe(stamps[1]);
    // The visit, dated next year, is dated now: here, in what is sent, and in the household's "last visit".
    const visitRow = after[2]!.mutation as Extract<typeof after[2]['mutation'], { type: 'visit.create' }>;
    expect(visitRow.payload.at).toBe(new Date(NOW).toISOString());
    expect((await db.visits.get(visitRow.entityId))!.at).toBe(new Date(NOW).toISOString());
    expect((await db.digests.get(householdId))!.lastVisitAt).toBe(new Date(NOW).toISOString());
    // The next local write ticks after the new stamps.
    expect((await db.meta.get('hlc'))!.value).toBe(stamps[2]);
    expect(await restampFuture(NOW)).toEqual([]);
  });

  it('leaves demo items alone', async () => {
    const res = await enrolled();
    const householdId = await saveHousehold({ fields: householdFields(res.hamlets[0]!.id), persons: [] }, AHEAD);
    const [row] = await db.outbox.toArray();
    await db.outbox.update(row!.seq!, { demo: 1, status: 'rejected', reason: 'x' });
    expect(await restampFuture(NOW)).toEqual([]);
    expect((await getHousehold(householdId))!.household.hlc.label).toBe(row!.mutation.hlc);
  });
});
