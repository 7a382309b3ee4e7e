export {};
/** One fresh-worker read of a scratch layout (bench/pages/read-probe.ts): open, then one readonly getAll. */
const scope = self as unknown as DedicatedWorkerGlobalScope;

scope.onmessage = async (e: MessageEvent<string>) => {
  const t0 = performance.now();
  const open = indexedDB.open(`probe-read-${e.data}`);
  const idb = await new Promise<IDBDatabase>((ok, fail) => { open.onsuccess = () => ok(open.result); open.onerror = fail; });
  const t1 = performance.now();
  const req = idb.transaction('b', 'readonly').objectStore('b').getAll();
  const rows = await new Promise<{ blob?: Blob }[]>((ok, fail) => { req.onsuccess = () => ok(req.result); req.onerror = fail; });
  const t2 = performance.now();
  if (e.data === 'blob') await Promise.all(rows.map((r) => r.blob!.arrayBuffer()));
  const t3 = performance.now();
  idb.close();
  scope.postMessage({ openMs: t1 - t0, readMs: t2 - t1, blobMs: t3 - t2, totalMs: t3 - t0, rows: rows.length });
};
