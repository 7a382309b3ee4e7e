import { beforeEach, describe, expect, it } from 'vitest';
import { enrolled, freshDb, householdFields } from './data-helpers';
import { db, useDatabase } from '../../src/data/db';
import { discardDraft, getDraft, getHousehold, hasOpenDraft, isValidationError, listDrafts, listOutbox, saveDraft, outboxCounts, type ValidationError } from '../../src/data/index';
import { dexieSyncStore } from '../../src/data/sync-store';
import { recordVisit, saveHousehold } from '../../src/data/edits';
import { cellKey } from '../../src/shared/state';

beforeEach(freshDb);

async function household() {
  const { hamlets, member } = await enrolled();
  const personId = '0190a000-0000-7000-8000-0000000000b1';
  const id = await saveHousehold({ fields: householdFields(hamlets[0]!.id), persons: [{ id: personId, fields: { firstName: 'Hùng', birthYear: 1950, hasSmartphone: true, sortName: '' } }] });
  return { id, personId, memberId: member.id, hamletId: hamlets[0]!.id };
}

const outcome = (item: string, personId: string | null, o: 'done' | 'needs_help' | 'guided') => ({ item, personId, outcome: o, details: [], other: '' });

describe('recordVisit', () => {
  it('writes the visit and its outbox entry together, clears the draft, derives state', async () => {
    const { id, personId, memberId, hamletId } = await household();
    await saveDraft({ householdId: id, kind: 'home', outcomes: [], notes: 'đang ghi', followUpOn: null });
    const visit = await recordVisit({
      householdId: id, kind: 'home', notes: 'Đã cài VNeID',
      outcomes: [outcome('vneid_l1', personId, 'done'), outcome('fraud_safety', null, 'needs_help')], followUpOn: '2026-12-05',
    });
    expect(visit).toMatchObject({ householdId: id, hamletId, memberId, catalogueVersion: 1, amends: null });
    const entry = (await listOutbox()).at(-1)!;
    expect(entry).toMatchObject({ type: 'visit.create', entityId: visit.id, status: 'pending', householdId: id });
    expect(await getDraft(id)).toBeUndefined();
    const detail = (await getHousehold(id))!;
    expect(detail.visits.map((v) => v.id)).toEqual([visit.id]);
    expect(detail.state.get(cellKey('vneid_l1', personId))?.outcome).toBe('done');
    expect(detail.nextFollowUp).toBe('2026-12-05');
    expect((await outboxCounts()).visits).toBe(1);
  });

  // recordVisit writes through plain IndexedDB (D-V1), so failures are injected there: a write that throws when it is
  // issued, and one that fails later in the backend (a key clash, as a full disk would fail it).
  for (const failure of ['thrown', 'request error'] as const) {
    it(`a failed transaction (${failure}) leaves no visit, outbox entry, clock step, digest change or dropped draft`, async () => {
      const { id } = await household();
      await saveDraft({ householdId: id, kind: 'home', outcomes: [], notes: 'đang ghi', followUpOn: null });
      const snapshot = () => Promise.all([db.visits.toArray(), db.outbox.toArray(), db.meta.get('hlc'), db.digests.toArray(), db.householdFacts.toArray(), db.drafts.toArray()]);
      const before = await snapshot();
      const taken = before[1][0]!.seq;
      const add = IDBObjectStore.prototype.add;
      IDBObjectStore.prototype.add = function (this: IDBObjectStore, value: unknown, key?: IDBValidKey) {
        if (this.name !== 'outbox') return add.call(this, value, key);
        if (failure === 'thrown') throw new DOMException('disk full', 'QuotaExceededError');
        return add.call(this, { ...(value as object), seq: taken }, key);
      };
      try {
        await expect(recordVisit({ householdId: id, kind: 'phone', outcomes: [], notes: '', followUpOn: null })).rejects.toThrow(failure === 'thrown' ? 'disk full' : /constraint/i);
      } finally {
        IDBObjectStore.prototype.add = add;
      }
      expect(await snapshot()).toEqual(before);
    });
  }

  it('a failed household save leaves no household, person or outbox row', async () => {
    const { hamlets } = await enrolled();
    const fail = () => { throw new Error('quota exceeded'); };
    db.persons.hook('creating', fail);
    try {
      await expect(saveHousehold({ fields: householdFields(hamlets[0]!.id), persons: [{ fields: { firstName: 'Mai', birthYear: null, hasSmartphone: false, sortName: '' } }] })).rejects.toThrow('quota exceeded');
    } finally {
      db.persons.hook('creating').unsubscribe(fail);
    }
    expect(await db.households.count()).toBe(0);
    expect(await db.outbox.count()).toBe(0);
    expect((await db.meta.get('hlc'))).toBeUndefined(); // the clock tick rolled back too
  });

  it('"needs more help" without a follow-up date is a field error, nothing written', async () => {
    const { id, personId } = await household();
    const before = await db.outbox.count();
    const err = await recordVisit({ householdId: id, kind: 'home', outcomes: [outcome('bank_account', personId, 'needs_help')], notes: '', followUpOn: null }).catch((e: unknown) => e);
    expect(isValidationError(err)).toBe(true);
    expect((err as ValidationError).fieldErrors.followUpOn).toMatch(/ngày hẹn/);
    expect(await db.visits.count()).toBe(0);
    expect(await db.outbox.count()).toBe(before);
  });

  it('recording the same draft id twice (double tap) stores one visit', async () => {
    const { id } = await household();
    const input = { id: '0190a000-0000-7000-8000-0000000000c1', householdId: id, kind: 'zalo' as const, outcomes: [], notes: '', followUpOn: null };
    await recordVisit(input);
    await recordVisit(input);
    expect(await db.visits.count()).toBe(1);
    expect((await listOutbox()).filter((o) => o.type === 'visit.create')).toHaveLength(1);
  });

  it('refuses when the device is neither enrolled nor in demo mode', async () => {
    const { id } = await household();
    await db.meta.delete('device');
    const err = await recordVisit({ householdId: id, kind: 'home', outcomes: [], notes: '', followUpOn: null }).catch((e: unknown) => e);
    expect((err as ValidationError).issues[0]!.message).toMatch(/chưa được đăng ký/);
  });
});

describe('visit drafts', () => {
  it('survive the app being killed (database closed and reopened)', async () => {
    const { id, personId } = await household();
    await saveDraft({ householdId: id, kind: 'home', outcomes: [outcome('e_wallet', personId, 'guided')], notes: 'Ví MoMo', followUpOn: null });
    expect(await hasOpenDraft()).toBe(true);
    const name = db.name;
    db.close();
    useDatabase(`${name}-other`);
    useDatabase(name); // a fresh Dexie instance on the same IndexedDB, as after a reload
    const draft = await getDraft(id);
    expect(draft?.notes).toBe('Ví MoMo');
    expect(draft?.outcomes[0]?.outcome).toBe('guided');
    expect(draft?.updatedAt).toMatch(/^\d{4}-/);
    await discardDraft(id);
    expect(await hasOpenDraft()).toBe(false);
  });

  it('a household erased by a pulled removal while its form is open: the next keystroke writes no draft, and none blocks updates', async () => {
    const { id } = await household();
    const typing = { householdId: id, kind: 'home' as const, outcomes: [], notes: 'đang ghi', followUpOn: null };
    expect(await saveDraft(typing)).toBe(true);
    await dexieSyncStore.applyPull({ changes: [{ entity: 'household', id, data: null }], cursor: 'c1', hasMore: false, serverTime: new Date().toISOString() }, Date.now());
    expect(await getDraft(id)).toBeUndefined();
    expect(await saveDraft({ ...typing, notes: 'đang ghi tiếp' })).toBe(false);
    expect(await getDraft(id)).toBeUndefined();
    expect(await hasOpenDraft()).toBe(false);
  });

  it('a draft an earlier version left for an erased household is dropped, not counted as open', async () => {
    const { id } = await household();
    await saveDraft({ householdId: id, kind: 'home', outcomes: [], notes: 'còn mở', followUpOn: null });
    await db.drafts.put({ householdId: 'gone-household', kind: 'home', outcomes: [], notes: 'mồ côi', followUpOn: null, updatedAt: new Date().toISOString() });
    expect((await listDrafts()).map((d) => d.householdId)).toEqual([id]);
    expect(await db.drafts.get('gone-household')).toBeUndefined();
    await discardDraft(id);
    await db.drafts.put({ householdId: 'gone-household', kind: 'home', outcomes: [], notes: 'mồ côi', followUpOn: null, updatedAt: new Date().toISOString() });
    expect(await hasOpenDraft()).toBe(false);
  });
});
