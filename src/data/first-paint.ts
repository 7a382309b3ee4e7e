/**
 * The first paint, without IndexedDB (D21). On a cheap phone the first IndexedDB access after the browser starts
 * opens the origin's database, ≈ 1 s with a commune's data on it, before the app can read anything. So the app keeps
 * a small copy of what its first screen shows — who is signed in and the first rows of the hamlet's list — in
 * localStorage, paints that at once, and replaces it with IndexedDB's truth as soon as that arrives (≈ 1 s later).
 *
 * Rules: it is a cache, never a source: nothing is saved only here, and every write path still goes to IndexedDB.
 * It holds no secret (no device token). It is erased with the data it copies (un-enrolment, demo removal, a new
 * enrolment or demo), and a copy that fails to parse is dropped. Storage blocked or full: no copy, only slower.
 */
import type { HouseholdSummary } from '../shared/search';

/** The app's IndexedDB database (db.ts opens it through Dexie under this name). */
export const DB_NAME = 'tung-nha';

const SESSION_KEY = 'tungnha.paint.session.v1';
const LIST_KEY = 'tungnha.paint.list.v1';

/** The list's first page as last shown from IndexedDB: rows in display order, and how many the hamlet has. */
export interface ListPaint { hamletId: string; total: number; rows: HouseholdSummary[] }

function read(key: string): unknown {
  try {
    const text = localStorage.getItem(key);
    return text ? JSON.parse(text) : null;
  } catch {
    forget(key);
    return null;
  }
}

const written = new Map<string, string>();
function write(key: string, value: unknown): void {
  try {
    const text = JSON.stringify(value);
    if (written.get(key) === text) return; // the live list re-renders often; rewrite only on change
    localStorage.setItem(key, text);
    written.set(key, text);
  } catch {
    forget(key); // quota or blocked storage: better no copy than a stale one
  }
}

function forget(key: string): void {
  written.delete(key);
  try {
    localStorage.removeItem(key);
  } catch {
    /* storage blocked: nothing was written either */
  }
}

/** The session as last read from IndexedDB (opaque to the data layer; the UI owns its shape). */
export function readSessionPaint<T extends object>(): T | null {
  const value = read(SESSION_KEY);
  return value && typeof value === 'object' ? (value as T) : null;
}

/** Remembers the session for the next start; null (nothing set up) erases every copy. */
export function rememberSessionPaint(session: object | null): void {
  if (session) write(SESSION_KEY, session);
  else clearFirstPaint();
}

export function readListPaint(hamletId: string): ListPaint | null {
  const value = read(LIST_KEY) as ListPaint | null;
  if (!value || value.hamletId !== hamletId || !Array.isArray(value.rows) || typeof value.total !== 'number') return null;
  return value;
}

export function rememberListPaint(list: ListPaint): void {
  write(LIST_KEY, list);
}

/**
 * Forgets the list's rows only: after a household is removed here, or a sync brought changes (it may have erased
 * households — the sync worker cannot reach localStorage). The live list, when on screen, copies itself again.
 */
export function clearListPaint(): void {
  forget(LIST_KEY);
}

/** The hamlet chosen for the next start, in the copy if there is one (never re-creating an erased copy). */
export function rememberPaintHamlet(hamletId: string): void {
  const paint = readSessionPaint<{ hamletId?: string | null }>();
  if (paint) write(SESSION_KEY, { ...paint, hamletId });
}

/** Erases every copy: called around un-enrolment, demo removal, enrolment and demo loading. */
export function clearFirstPaint(): void {
  forget(SESSION_KEY);
  forget(LIST_KEY);
}

/** Runs a change to who is signed in or which data is on the phone with every copy erased before and after it. */
export async function withFirstPaintCleared<T>(change: () => Promise<T>): Promise<T> {
  clearFirstPaint();
  try {
    return await change();
  } finally {
    clearFirstPaint(); // a list still on screen may have re-copied old rows meanwhile
  }
}

/**
 * Starts the browser opening the database while the first paint happens: the first open of a browser process is the
 * slow part (≈ 1 s on a phone holding a commune), and Dexie asks only once the data layer has loaded. A plain open of
 * the current version; it creates nothing (a database not there yet is left to Dexie), steps aside for an upgrade
 * and closes itself once Dexie's own connection has had time to open.
 */
export function warmDatabase(): void {
  try {
    const open = indexedDB.open(DB_NAME);
    open.onupgradeneeded = () => open.transaction?.abort();
    open.onerror = (e) => e.preventDefault?.();
    open.onsuccess = () => {
      const conn = open.result;
      conn.onversionchange = () => conn.close();
      setTimeout(() => conn.close(), 10_000);
    };
  } catch {
    /* no IndexedDB here: the data layer reports it */
  }
}
