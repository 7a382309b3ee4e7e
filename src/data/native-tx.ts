/**
 * Plain IndexedDB on Dexie's own connection, for the one write a volunteer waits on with the household watching:
 * saving a visit (D-V1). Dexie costs that save ~1–3 ms of main-thread work and promise hops per transaction
 * (measured in Chromium, bench/experiments/probe-save.ts); everything else stays on Dexie. Same guarantees: one
 * strict-durability transaction (flushed before it resolves, see db.ts), rolled back whole when anything in it fails,
 * and live queries — in this tab, other tabs and the sync worker — are told what changed, as Dexie tells them.
 */
import Dexie, { RangeSet, type IndexableType } from 'dexie';
import { db } from './db';

export const request = <T>(r: IDBRequest<T>): Promise<T> =>
  new Promise((resolve, reject) => { r.onsuccess = () => resolve(r.result); r.onerror = () => reject(r.error); });

/** A row this transaction wrote (value) or deleted (no value): what live queries are told about. */
export interface Written { table: string; key: IndexableType; value?: object }

/**
 * Runs `body` in one readwrite, strict transaction over `stores`. `body` may only await this transaction's requests
 * (anything else lets IndexedDB commit early). If `body` throws or a request fails, the transaction is aborted and
 * nothing of it is stored. Resolves after the commit is on disk.
 */
export async function nativeWrite<T>(stores: string[], body: (tx: IDBTransaction, written: Written[]) => Promise<T>): Promise<T> {
  if (!db.isOpen()) await db.open();
  const tx = db.backendDB().transaction(stores, 'readwrite', { durability: 'strict' });
  const done = new Promise<void>((resolve, reject) => {
    tx.oncomplete = () => resolve();
    tx.onabort = () => reject(tx.error ?? new DOMException('Transaction aborted', 'AbortError'));
  });
  done.catch(() => undefined); // awaited below; this only keeps an early abort from counting as unhandled
  const written: Written[] = [];
  let result: T;
  try {
    result = await body(tx, written);
  } catch (e) {
    try { tx.abort(); } catch { /* already aborted by the failed request */ }
    throw e;
  }
  // The notice is built while the commit is being flushed, and sent once it is on disk.
  const notice = written.length ? changedParts(written) : undefined;
  await done;
  if (notice) tell(notice);
  return result;
}

/**
 * Tells IndexedDB that the transaction's requests are all issued (D-V4): it commits as soon as the backend has run
 * them, instead of after each success event has come back to this page and the page has gone idle (auto-commit).
 * A request that fails after this still rolls the whole transaction back. Optional: without commit() (Safari
 * before 15) or outside an active moment, auto-commit does the same a little later.
 */
export function commitSoon(tx: IDBTransaction): void {
  try {
    tx.commit?.();
  } catch {
    /* not active at this moment: auto-commit follows */
  }
}

/** Dexie's own notice after a write (its observability middleware): primary keys, deletions, index values. */
function changedParts(written: Written[]): Record<string, RangeSet> {
  const parts: Record<string, RangeSet> = {};
  const part = (table: string, index: string) => (parts[`idb://${db.name}/${table}/${index}`] ??= new RangeSet());
  for (const w of written) {
    part(w.table, '').addKey(w.key);
    part(w.table, ':dels').addKey(w.key);
    if (!w.value) continue;
    for (const ix of db.table(w.table).schema.indexes) {
      const value = typeof ix.keyPath === 'string' ? (w.value as Record<string, unknown>)[ix.keyPath] : undefined;
      if (value !== undefined && value !== null) part(w.table, ix.name).addKey(value as IndexableType);
    }
  }
  return parts;
}

/**
 * Dexie hears of writes made elsewhere (another tab, the sync worker) on this BroadcastChannel and then drops its
 * cached live-query results and re-runs the queries concerned. A channel delivers to every other channel of that name,
 * including Dexie's own in this context, so one message tells this tab and all the others. The name is Dexie's
 * (STORAGE_MUTATED_DOM_EVENT_NAME in dexie 4, pinned in package.json); tests/unit/data-visit-digest.test.ts fails if a
 * Dexie upgrade changes it. `Dexie.on('storagemutated').fire` alone would not drop this tab's cached results (tested
 * in tests/e2e/offline.spec.ts without BroadcastChannel).
 */
const DEXIE_CHANNEL = 'x-storagemutated-1';
let channel: BroadcastChannel | undefined;

function tell(parts: Record<string, RangeSet>): void {
  if (typeof BroadcastChannel === 'undefined') {
    // Safari before 15.4: no channel, and Dexie then listens for a DOM event of the same name, which drops this
    // tab's cached results too (propagateLocally). Other tabs are not told — Dexie cannot do that there either.
    if (typeof dispatchEvent === 'function' && typeof CustomEvent === 'function') dispatchEvent(new CustomEvent(DEXIE_CHANNEL, { detail: parts }));
    else Dexie.on('storagemutated').fire(parts);
    return;
  }
  if (!channel) {
    channel = new BroadcastChannel(DEXIE_CHANNEL);
    (channel as BroadcastChannel & { unref?: () => void }).unref?.(); // Node (tests): do not keep the process alive
  }
  channel.postMessage(parts);
}

/**
 * Tells this page's live queries that any table may have changed. Only for a page without BroadcastChannel (Safari
 * 15.0–15.3, which has module workers but no channel): the sync worker's writes are announced on a channel that cannot
 * reach such a page, so after the worker applied pulled data the page re-runs its queries itself. Elsewhere the
 * worker's channel has already told every page, and this does nothing.
 */
export function announceWorkerWrites(): void {
  if (typeof BroadcastChannel !== 'undefined') return;
  const parts: Record<string, RangeSet> = {};
  for (const table of db.tables) {
    for (const index of ['', ':dels', ...table.schema.indexes.map((ix) => ix.name)]) {
      parts[`idb://${db.name}/${table.name}/${index}`] = new RangeSet(Dexie.minKey, Dexie.maxKey);
    }
  }
  tell(parts);
}
