/**
 * The first-paint copy in localStorage (D21): read back as written, never a secret, ignored when it does not fit,
 * and erased around every change of who is signed in or which data is on the phone.
 */
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { enrolled, enrolResponse, freshDb } from './data-helpers';
import {
  clearFirstPaint, clearListPaint, rememberPaintHamlet, DB_NAME, readListPaint, readSessionPaint, rememberListPaint, rememberSessionPaint, warmDatabase, withFirstPaintCleared,
} from '../../src/data/first-paint';
import { db } from '../../src/data/db';
import { forgetDevice, saveEnrolment } from '../../src/data/device';
import { loadDemo, removeDemo, requestHouseholdRemoval } from '../../src/data/edits';
import { listHamlets, listHouseholdSummaries } from '../../src/data/index';

/** localStorage as the browser has it (Node 20 has none); `full` makes setItem throw like a quota error. */
class MemoryStorage {
  items = new Map<string, string>();
  full = false;
  getItem(k: string) { return this.items.get(k) ?? null; }
  setItem(k: string, v: string) { if (this.full) throw new DOMException('full', 'QuotaExceededError'); this.items.set(k, String(v)); }
  removeItem(k: string) { this.items.delete(k); }
}
let storage: MemoryStorage;
const g = globalThis as { localStorage?: unknown };

beforeEach(async () => {
  storage = new MemoryStorage();
  g.localStorage = storage;
  clearFirstPaint();
  await freshDb();
});
afterEach(() => { delete g.localStorage; });

async function paintSomething(): Promise<string> {
  const hamletId = (await listHamlets())[0]!.id;
  rememberSessionPaint({ session: { hamlets: [] }, hamletId });
  rememberListPaint({ hamletId, total: 1, rows: (await listHouseholdSummaries(hamletId)).slice(0, 1) });
  expect(storage.items.size).toBe(2);
  return hamletId;
}

describe('first-paint copy', () => {
  it('reads back what was remembered, for the same hamlet only', () => {
    rememberSessionPaint({ session: { memberName: 'Lò Văn Pọm', hamlets: [{ id: 'h1' }] }, hamletId: 'h1' });
    expect(readSessionPaint()).toEqual({ session: { memberName: 'Lò Văn Pọm', hamlets: [{ id: 'h1' }] }, hamletId: 'h1' });
    rememberListPaint({ hamletId: 'h1', total: 512, rows: [] });
    expect(readListPaint('h1')).toEqual({ hamletId: 'h1', total: 512, rows: [] });
    expect(readListPaint('h2')).toBeNull();
  });

  it('drops a copy that does not parse or has the wrong shape, and survives a full or missing storage', () => {
    storage.items.set('tungnha.paint.session.v1', '{not json');
    expect(readSessionPaint()).toBeNull();
    expect(storage.items.has('tungnha.paint.session.v1')).toBe(false);
    storage.items.set('tungnha.paint.list.v1', JSON.stringify({ hamletId: 'h1', total: 'many', rows: [] }));
    expect(readListPaint('h1')).toBeNull();
    storage.full = true;
    expect(() => rememberListPaint({ hamletId: 'h1', total: 1, rows: [] })).not.toThrow();
    expect(readListPaint('h1')).toBeNull(); // a failed write leaves no stale copy behind
    delete g.localStorage;
    expect(() => rememberSessionPaint({ hamlets: [] })).not.toThrow();
    expect(readSessionPaint()).toBeNull();
  });

  it('remembering "nobody set up" erases both copies', () => {
    rememberSessionPaint({ hamlets: [] });
    rememberListPaint({ hamletId: 'h1', total: 0, rows: [] });
    rememberSessionPaint(null);
    expect(storage.items.size).toBe(0);
  });

  it('a chosen hamlet updates the session copy but never re-creates an erased one', () => {
    rememberPaintHamlet('h2');
    expect(readSessionPaint()).toBeNull();
    rememberSessionPaint({ session: { hamlets: [] }, hamletId: 'h1' });
    rememberPaintHamlet('h2');
    expect(readSessionPaint()).toEqual({ session: { hamlets: [] }, hamletId: 'h2' });
  });

  it('removing a household here forgets the copied rows (the session copy stays)', async () => {
    await loadDemo({ households: 20, seed: 5 });
    const hamletId = await paintSomething();
    const [first] = await listHouseholdSummaries(hamletId);
    await requestHouseholdRemoval(first!.id);
    expect(readListPaint(hamletId)).toBeNull();
    expect(readSessionPaint()).not.toBeNull();
    rememberListPaint({ hamletId, total: 0, rows: [] });
    clearListPaint();
    expect(readListPaint(hamletId)).toBeNull();
  });

  it('withFirstPaintCleared erases before and after, also when the change fails', async () => {
    rememberSessionPaint({ hamlets: [] });
    await expect(withFirstPaintCleared(async () => {
      expect(storage.items.size).toBe(0);
      rememberListPaint({ hamletId: 'h1', total: 0, rows: [] }); // a list still on screen re-copies meanwhile
      throw new Error('boom');
    })).rejects.toThrow('boom');
    expect(storage.items.size).toBe(0);
  });

  it('un-enrolment, demo removal, a new enrolment and loading the demo erase the copies', async () => {
    await enrolled();
    await paintSomething();
    await forgetDevice();
    expect(storage.items.size).toBe(0);

    await loadDemo({ households: 20, seed: 3 });
    await paintSomething();
    await removeDemo();
    expect(storage.items.size).toBe(0);

    await loadDemo({ households: 20, seed: 3 });
    await paintSomething();
    await saveEnrolment(enrolResponse(), 'http://sync.test');
    expect(storage.items.size).toBe(0);
    await paintSomething();
    await loadDemo({ households: 20, seed: 4 });
    expect(storage.items.size).toBe(0);
  });
});

describe('warmDatabase', () => {
  const settle = () => new Promise((r) => setTimeout(r, 50));

  it('creates nothing on a phone that has no database yet, and Dexie then creates it', async () => {
    db.close();
    await db.delete();
    warmDatabase();
    await settle();
    expect((await indexedDB.databases()).map((d) => d.name)).not.toContain(DB_NAME);
    await db.open();
    expect(db.verno).toBeGreaterThan(0);
    expect(await db.households.count()).toBe(0);
  });

  it('keeps a connection open beside Dexie without blocking it', async () => {
    await enrolled();
    db.close();
    warmDatabase();
    await settle();
    await db.open();
    expect((await listHamlets()).length).toBe(2);
  });

  it('steps aside for an upgrade (a new app version with a new schema)', async () => {
    await enrolled();
    db.close();
    warmDatabase();
    await settle();
    const version = (await indexedDB.databases()).find((d) => d.name === DB_NAME)!.version!;
    const upgraded = await new Promise<string>((resolve) => {
      const r = indexedDB.open(DB_NAME, version + 10);
      r.onblocked = () => resolve('blocked');
      r.onsuccess = () => { r.result.close(); resolve('opened'); };
    });
    expect(upgraded).toBe('opened');
  });
});
