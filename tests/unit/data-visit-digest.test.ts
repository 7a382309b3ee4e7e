/**
 * recordVisit extends the household's stored digest instead of reading its visits (D-V1). After every save the
 * digests must still equal buildDigest over the rows — amendments, corrections of a correction, visits out of time
 * order, an id older than the stored ones, the original of an amendment arriving after it, people named or removed —
 * and the visit rows must not have been read when the stored digest could be extended. Live queries must hear of it.
 */
import { beforeEach, describe, expect, it } from 'vitest';
import { enrolled, freshDb, householdFields } from './data-helpers';
import { db } from '../../src/data/db';
import { expectDigestsInStep } from './digest-helpers';
import { recordVisit, saveHousehold } from '../../src/data/edits';
import { listHouseholdSummaries, observe } from '../../src/data/index';
import { uuidv7 } from '../../src/shared/ids';
import type { HouseholdSummary } from '../../src/shared/search';

beforeEach(freshDb);

/** How many times a save read visit rows through the householdId index (the rebuild path). */
function countRowReads(): { count: () => number; restore: () => void } {
  const getAll = IDBIndex.prototype.getAll;
  let n = 0;
  IDBIndex.prototype.getAll = function (this: IDBIndex, ...args: Parameters<IDBIndex['getAll']>) {
    if (this.objectStore.name === 'visits') n++;
    return getAll.apply(this, args);
  };
  return { count: () => n, restore: () => { IDBIndex.prototype.getAll = getAll; } };
}

const outcome = (item: string, personId: string | null, o: 'done' | 'needs_help' | 'had' | 'guided') => ({ item, personId, outcome: o, details: [], other: '' });
const day = 86_400_000;

async function setUp() {
  const { hamlets } = await enrolled();
  const p1 = uuidv7(), p2 = uuidv7();
  const id = await saveHousehold({ fields: householdFields(hamlets[0]!.id), persons: [
    { id: p1, fields: { firstName: 'Hùng', birthYear: 1950, hasSmartphone: true, sortName: '' } },
    { id: p2, fields: { firstName: 'Dũng', birthYear: 1990, hasSmartphone: false, sortName: '' } },
  ] });
  return { id, p1, p2, hamletId: hamlets[0]!.id };
}

describe('recordVisit extends the stored digest', () => {
  it('stays equal to the rows through amendments, time and id disorder, late originals and named people', async () => {
    const { id, p1, p2 } = await setUp();
    const reads = countRowReads();
    try {
      const now = Date.now();
      const base = { householdId: id, kind: 'home' as const, notes: '' };
      const first = await recordVisit({ ...base, outcomes: [outcome('vneid_l1', p1, 'needs_help')], followUpOn: '2026-12-05' });
      expect((await expectDigestsInStep())[0]).toMatchObject({ visitedEver: true, nextFollowUp: '2026-12-05' });
      const fix = await recordVisit({ ...base, outcomes: [outcome('vneid_l1', p1, 'done')], followUpOn: null, amends: first.id });
      expect((await expectDigestsInStep())[0]!.nextFollowUp).toBeNull();
      await recordVisit({ ...base, outcomes: [outcome('vneid_l1', p1, 'needs_help')], followUpOn: '2026-12-20', amends: fix.id });
      await expectDigestsInStep();
      // Typed later about a visit made days ago: an earlier `at`, and an id older than every stored one.
      await recordVisit({ ...base, id: uuidv7(now - 10 * day), at: new Date(now - 10 * day).toISOString(), outcomes: [outcome('fraud_safety', null, 'guided')], followUpOn: null }, now);
      await expectDigestsInStep();
      // A correction of a visit that is not on this phone, then that visit itself.
      const original = uuidv7(now - 3 * day);
      await recordVisit({ ...base, outcomes: [outcome('vneid_l2', p2, 'had')], followUpOn: null, amends: original }, now);
      await expectDigestsInStep();
      await recordVisit({ ...base, id: original, at: new Date(now - 3 * day).toISOString(), outcomes: [outcome('vneid_l2', p2, 'needs_help')], followUpOn: '2026-12-30' }, now);
      await expectDigestsInStep();
      await recordVisit({ ...base, outcomes: [outcome('vneid_l1', null, 'done'), outcome('zalo', p2, 'done')], followUpOn: null, at: new Date(now - day).toISOString() });
      await expectDigestsInStep();
      expect(reads.count()).toBe(0);
    } finally {
      reads.restore();
    }
  });

  it('rebuilds from the rows when the stored digest cannot be extended exactly', async () => {
    const { id, p1, p2, hamletId } = await setUp();
    await recordVisit({ householdId: id, kind: 'home', notes: '', outcomes: [outcome('vneid_l1', p2, 'needs_help')], followUpOn: '2026-12-05' });
    // p2 leaves the household: the facts now hold an outcome for someone gone.
    await saveHousehold({ id, fields: householdFields(hamletId), persons: [], removedPersonIds: [p2] });
    const reads = countRowReads();
    try {
      await recordVisit({ householdId: id, kind: 'home', notes: '', outcomes: [outcome('vneid_l1', p1, 'done')], followUpOn: null });
      expect(reads.count()).toBe(1);
      await expectDigestsInStep();
      // A digest lost (as if written by an older app): rebuilt, not skipped.
      await db.transaction('rw', db.digests, db.householdFacts, async () => { await db.digests.delete(id); await db.householdFacts.delete(id); });
      await recordVisit({ householdId: id, kind: 'phone', notes: '', outcomes: [], followUpOn: null });
      expect(reads.count()).toBe(2);
      await expectDigestsInStep();
    } finally {
      reads.restore();
    }
  });

  it('tells live queries, as a Dexie write would', async () => {
    const { id, hamletId } = await setUp();
    const seen: HouseholdSummary[][] = [];
    let wake: () => void = () => undefined;
    const stop = observe(() => listHouseholdSummaries(hamletId), (list) => { seen.push(list); wake(); });
    try {
      while (seen.length === 0) await new Promise<void>((r) => (wake = r));
      expect(seen.at(-1)![0]!.visitedEver).toBe(false);
      await recordVisit({ householdId: id, kind: 'home', notes: '', outcomes: [], followUpOn: null });
      while (!seen.at(-1)![0]!.visitedEver) await new Promise<void>((r) => { wake = r; setTimeout(r, 2000); });
      expect(seen.at(-1)![0]!.visitedEver).toBe(true);
    } finally {
      stop();
    }
  });

  it('a household no longer on the phone is a validation error, and bad input never crashes', async () => {
    await enrolled();
    await expect(recordVisit({ householdId: uuidv7(), kind: 'home', notes: '', outcomes: [], followUpOn: null })).rejects.toMatchObject({ name: 'ValidationError' });
    await expect(recordVisit({ householdId: undefined as unknown as string, kind: 'home', notes: '', outcomes: [], followUpOn: null })).rejects.toMatchObject({ name: 'ValidationError' });
    await expect(recordVisit({ householdId: 'x', kind: 'home', notes: '', outcomes: null as never, followUpOn: null })).rejects.toMatchObject({ name: 'ValidationError' });
  });
});
