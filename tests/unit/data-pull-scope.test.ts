/**
 * What a pulled page does to the phone's enrolment: a change of the phone's own member (moved to another hamlet,
 * promoted) reaches the stored enrolment and restarts the pull; a page that lands after "forget" writes nothing.
 */
import 'fake-indexeddb/auto';
import { beforeEach, describe, expect, it } from 'vitest';
import { enrolResponse, enrolled, freshDb, householdFields } from './data-helpers';
import { db } from '../../src/data/db';
import { dexieSyncStore } from '../../src/data/sync-store';
import { forgetDevice, getDevice, saveEnrolment } from '../../src/data/device';
import { getMeta } from '../../src/data/meta';
import { uuidv7 } from '../../src/shared/ids';
import type { PullResponse } from '../../src/shared/protocol';
import { parsePullPage } from '../../src/sync/pull';

const page = (changes: PullResponse['changes'], cursor = 'c1'): PullResponse => ({ changes, cursor, hasMore: false, serverTime: new Date().toISOString() });

describe('pulled pages and the enrolment', () => {
  beforeEach(freshDb);

  it('the phone\'s own member moved to another hamlet: the enrolment takes the new scope and the next pull starts over', async () => {
    const res = await enrolled(2);
    const moved = { ...res.member, hamletIds: [res.hamlets[1]!.id] };
    await dexieSyncStore.applyPull(page([{ entity: 'member', id: res.member.id, data: moved }], 'c9'), Date.now());
    expect((await getDevice())?.member.hamletIds).toEqual([res.hamlets[1]!.id]);
    expect(await getMeta<string>('cursor')).toBe('');
  });

  it('a change to the own member that keeps hamlets and role (a new phone number) is stored and the cursor advances', async () => {
    const res = await enrolled(2);
    await dexieSyncStore.applyPull(page([{ entity: 'member', id: res.member.id, data: { ...res.member, phone: '0912345678' } }], 'c2'), Date.now());
    expect((await getDevice())?.member.phone).toBe('0912345678');
    expect(await getMeta<string>('cursor')).toBe('c2');
  });

  it('a change this version cannot read is kept, and applied by the first version that reads it; a newer change of the entity drops it', async () => {
    const res = await enrolled(1);
    const hamletId = res.hamlets[0]!.id;
    const household = (label: string) => ({ ...householdFields(hamletId, label), id: uuidv7(), communeId: res.commune.id, hlc: {}, conflicts: [] });
    const later = household('Nguyễn Thị Mai');
    const superseded = household('Lò Văn Pọm');
    const parsed = parsePullPage({ ...page([{ entity: 'household', id: later.id, data: later as never }]), changes: [{ entity: 'household', id: later.id, data: later }, { entity: 'household', id: 'x', data: { future: true } }] });
    expect([parsed?.changes.length, parsed?.unread]).toEqual([1, [{ entity: 'household', id: 'x', data: { future: true } }]]);
    // As an older version stored them: changes it could not read (here they parse, as for the updated app).
    await dexieSyncStore.applyPull({ ...page([], 'c1'), unread: [
      { entity: 'household', id: later.id, data: later }, { entity: 'household', id: superseded.id, data: superseded },
    ] }, Date.now());
    expect(await getMeta<unknown[]>('unread')).toHaveLength(2);
    // The next page: the kept changes are applied before it, except the one this page has a newer change for.
    await dexieSyncStore.applyPull(page([{ entity: 'household', id: superseded.id, data: null }], 'c2'), Date.now());
    expect((await db.households.get(later.id))?.label).toBe('Nguyễn Thị Mai');
    expect(await db.households.get(superseded.id)).toBeUndefined();
    expect(await getMeta<unknown[]>('unread')).toBeUndefined();
    // Unreadable ones stay for a later version.
    await dexieSyncStore.applyPull({ ...page([], 'c3'), unread: [{ entity: 'household', id: uuidv7(), data: { future: true } }] }, Date.now());
    await dexieSyncStore.applyPull(page([], 'c4'), Date.now());
    expect(await getMeta<unknown[]>('unread')).toHaveLength(1);
  });

  it('a page that arrives after the phone was forgotten writes nothing', async () => {
    const res = await enrolled(1);
    await forgetDevice();
    const id = uuidv7();
    const household = { ...householdFields(res.hamlets[0]!.id), id, communeId: res.commune.id, hlc: {}, conflicts: [] };
    await dexieSyncStore.applyPull(page([{ entity: 'household', id, data: household as never }], 'c3'), Date.now());
    expect(await db.households.count()).toBe(0);
    expect(await getMeta<string>('cursor')).toBeUndefined();
  });

  it('a page of the previous enrolment that arrives after the phone was enrolled again writes nothing', async () => {
    const old = await enrolled(1);
    const again = enrolResponse(1);
    await saveEnrolment({ ...again, token: 'the-new-token' }, 'http://sync.test/');
    const id = uuidv7();
    const household = { ...householdFields(old.hamlets[0]!.id), id, communeId: old.commune.id, hlc: {}, conflicts: [] };
    expect(await dexieSyncStore.applyPull(page([{ entity: 'household', id, data: household as never }], 'c7'), Date.now(), old.token)).toBe('forgotten');
    expect(await db.households.count()).toBe(0);
    expect(await getMeta<string>('cursor')).toBeUndefined();
    // The new enrolment's own run writes as before.
    await dexieSyncStore.applyPull(page([], 'c1'), Date.now(), 'the-new-token');
    expect(await getMeta<string>('cursor')).toBe('c1');
  });
});
