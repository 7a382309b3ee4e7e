/**
 * What a pulled page does to the phone's enrolment: a change of the phone's own member (moved to another hamlet,
 * promoted) reaches the stored enrolment and restarts the pull; a page that lands after "forget" writes nothing.
 */
import 'fake-indexeddb/auto';
import { beforeEach, describe, expect, it } from 'vitest';
import { enrolled, freshDb, householdFields } from './data-helpers';
import { db } from '../../src/data/db';
import { dexieSyncStore } from '../../src/data/sync-store';
import { forgetDevice, getDevice } from '../../src/data/device';
import { getMeta } from '../../src/data/meta';
import { uuidv7 } from '../../src/shared/ids';
import type { PullResponse } from '../../src/shared/protocol';

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

  it('a page that arrives after the phone was forgotten writes nothing', async () => {
    const res = await enrolled(1);
    await forgetDevice();
    const id = uuidv7();
    const household = { ...householdFields(res.hamlets[0]!.id), id, communeId: res.commune.id, hlc: {}, conflicts: [] };
    await dexieSyncStore.applyPull(page([{ entity: 'household', id, data: household as never }], 'c3'), Date.now());
    expect(await db.households.count()).toBe(0);
    expect(await getMeta<string>('cursor')).toBeUndefined();
  });
});
