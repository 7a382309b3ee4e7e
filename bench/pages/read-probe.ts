/**
 * What does the first read of the hamlet bundles cost in a fresh worker, by how they are stored? Copies the stored
 * bundles (db.hamletFacts) into scratch databases in several layouts, then reads one layout per fresh worker
 * (bench/pages/read-probe-worker.ts: plain IndexedDB, open + one readonly getAll). Driven by
 * bench/experiments/probe-read.ts.
 */
import { db } from '../../src/data/db';
import type { HamletColumns } from '../../src/shared/hamlet-columns';

const LIMIT = 60_000;
/** All typed arrays of a bundle in one ArrayBuffer (8-byte aligned), plus its strings as one JSON text. */
function pack(c: HamletColumns): { buf: ArrayBuffer; meta: string } {
  const views = Object.entries(c).filter(([, v]) => ArrayBuffer.isView(v)) as [string, ArrayBufferView][];
  let size = 0;
  for (const [, v] of views) size += Math.ceil(v.byteLength / 8) * 8;
  const buf = new ArrayBuffer(size), bytes = new Uint8Array(buf), layout: [string, string, number, number][] = [];
  let at = 0;
  for (const [k, v] of views) {
    bytes.set(new Uint8Array(v.buffer, v.byteOffset, v.byteLength), at);
    layout.push([k, v.constructor.name, at, v.byteLength]);
    at += Math.ceil(v.byteLength / 8) * 8;
  }
  return { buf, meta: JSON.stringify({ layout, ids: c.ids, labels: c.labels, members: c.members, followUpDates: c.followUpDates, details: c.details }) };
}

async function scratch(name: string, rows: object[]): Promise<void> {
  await new Promise((ok, fail) => { const r = indexedDB.deleteDatabase(name); r.onsuccess = ok; r.onerror = fail; });
  const open = indexedDB.open(name, 1);
  open.onupgradeneeded = () => open.result.createObjectStore('b', { autoIncrement: true });
  const idb = await new Promise<IDBDatabase>((ok, fail) => { open.onsuccess = () => ok(open.result); open.onerror = fail; });
  const tx = idb.transaction('b', 'readwrite');
  for (const r of rows) tx.objectStore('b').put(r);
  await new Promise((ok, fail) => { tx.oncomplete = ok; tx.onerror = fail; });
  idb.close();
}



/** Writes every layout; returns the bytes of typed arrays per layout's rows. */
export async function prepareReadLayouts(): Promise<Record<string, number>> {
  const rows = await db.hamletFacts.toArray(), cols = rows.map((r) => r.bundle as HamletColumns);
  const packed = cols.map(pack);
  const chunks: object[] = [];
  for (const p of packed) for (let i = 0; i < p.buf.byteLength; i += LIMIT) chunks.push({ buf: p.buf.slice(i, i + LIMIT), meta: i === 0 ? p.meta : '' });
  const whole = new Uint8Array(packed.reduce((n, p) => n + p.buf.byteLength, 0));
  packed.reduce((at, p) => { whole.set(new Uint8Array(p.buf), at); return at + p.buf.byteLength; }, 0);
  await scratch('probe-read-rows', rows);
  await scratch('probe-read-noids', rows.map((r) => ({ ...r, bundle: { ...(r.bundle as HamletColumns), ids: [], labels: [] } })));
  await scratch('probe-read-packed', packed);
  await scratch('probe-read-one', [{ buf: whole.buffer, meta: JSON.stringify(packed.map((p) => p.meta)) }]);
  await scratch('probe-read-chunks', chunks);
  const inline: object[] = [];
  for (const p of packed) {
    for (let i = 0; i < p.buf.byteLength; i += 30_000) inline.push({ buf: p.buf.slice(i, i + 30_000) });
    for (let i = 0; i < p.meta.length; i += 15_000) inline.push({ meta: p.meta.slice(i, i + 15_000) });
  }
  await scratch('probe-read-inline', inline);
  await scratch('probe-read-one2', [{ buf: whole.buffer }, { meta: JSON.stringify(packed.map((p) => p.meta)) }]);
  await scratch('probe-read-blob', packed.map((p) => ({ blob: new Blob([p.buf]), meta: p.meta })));
  return { inline: inline.length, packedBytes: whole.byteLength, chunks: chunks.length, metaChars: packed.reduce((n, p) => n + p.meta.length, 0) };
}

export function readLayout(layout: string): Promise<Record<string, number>> {
  const worker = new Worker(new URL('./read-probe-worker.ts', import.meta.url), { type: 'module' });
  return new Promise((resolve, reject) => {
    worker.onmessage = (e) => { worker.terminate(); resolve(e.data as Record<string, number>); };
    worker.onerror = (e) => { worker.terminate(); reject(new Error(e.message)); };
    worker.postMessage(layout);
  });
}
