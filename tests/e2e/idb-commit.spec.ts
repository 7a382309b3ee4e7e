/**
 * What the visit save relies on in the real browser (D-V4): once it has issued its writes it calls `commit()` without
 * waiting for their success events, and counts on a write that fails after that (a visit id already stored: a second
 * tap) still rolling the whole transaction back, so that the long way can answer with the stored visit. fake-indexeddb
 * behaves so in the unit tests; this checks Chromium's IndexedDB does too.
 */
import { expect, test } from '@playwright/test';

test('IndexedDB: a write that fails after commit() rolls back the whole transaction', async ({ page }) => {
  await page.goto('/');
  const result = await page.evaluate(async () => {
    const open = indexedDB.open(`tn-commit-check-${Date.now()}`, 1);
    open.onupgradeneeded = () => { open.result.createObjectStore('visits'); open.result.createObjectStore('outbox'); };
    const db = await new Promise<IDBDatabase>((resolve, reject) => { open.onsuccess = () => resolve(open.result); open.onerror = () => reject(open.error); });
    const finished = (tx: IDBTransaction) => new Promise<string>((resolve) => {
      tx.oncomplete = () => resolve('complete');
      tx.onabort = () => resolve(`abort: ${tx.error?.name ?? 'none'}`);
    });
    const first = db.transaction(['visits'], 'readwrite', { durability: 'strict' });
    first.objectStore('visits').add({ n: 1 }, 'v1');
    const firstEnd = await finished(first);
    // The second save of the same visit: its outbox row is written first, then the visit's add fails.
    const second = db.transaction(['visits', 'outbox'], 'readwrite', { durability: 'strict' });
    const secondDone = finished(second);
    second.objectStore('outbox').add({ visit: 'v1' }, 1);
    second.objectStore('visits').add({ n: 2 }, 'v1');
    second.commit();
    const secondEnd = await secondDone;
    const read = db.transaction(['visits', 'outbox'], 'readonly');
    const [outbox, visit] = await Promise.all([read.objectStore('outbox').count(), read.objectStore('visits').get('v1')].map((r) =>
      new Promise((resolve) => { r.onsuccess = () => resolve(r.result); })));
    db.close();
    return { firstEnd, secondEnd, outbox, visit };
  });
  expect(result).toEqual({ firstEnd: 'complete', secondEnd: 'abort: ConstraintError', outbox: 0, visit: { n: 1 } });
});
