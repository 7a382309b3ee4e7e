/**
 * D-V2's A/B: the marginal cost of the index entries a save writes. Two scratch databases on the bench origin, one
 * with schema v2's indexes on the four stores a save adds to or replaces in (outbox with &mutationId; demo on visits,
 * digests, household facts), one with v3's; each variant writes a save's four rows in one strict transaction, as
 * recordVisit does. Interleaved by probeSave, so load drift hits both alike. `-demo` rows carry `demo: 1` (a demo
 * household's save), the others do not (a real one: no demo entries either way).
 */
import { uuidv7 } from '../../src/shared/ids';
import { request as req } from '../../src/data/native-tx';

type Phases = Record<string, number>;
const SCHEMAS: Record<string, Record<string, [string, string, boolean][]>> = {
  v2: { outbox: [['mutationId', 'mutationId', true], ['status', 'status', false], ['householdId', 'householdId', false], ['demo', 'demo', false]], visits: [['householdId', 'householdId', false], ['demo', 'demo', false]], digests: [['hamletId', 'hamletId', false], ['demo', 'demo', false]], householdFacts: [['hamletId', 'hamletId', false], ['demo', 'demo', false]] },
  v3: { outbox: [['status', 'status', false], ['householdId', 'householdId', false], ['demo', 'demo', false]], visits: [['householdId', 'householdId', false]], digests: [['hamletId', 'hamletId', false]], householdFacts: [['hamletId', 'hamletId', false]] },
};
const opened = new Map<string, Promise<IDBDatabase>>();
function open(v: string): Promise<IDBDatabase> {
  let p = opened.get(v);
  if (!p) {
    p = new Promise((resolve, reject) => {
      const r = indexedDB.open(`index-ab-${v}`, 1);
      r.onupgradeneeded = () => {
        for (const [name, ixs] of Object.entries(SCHEMAS[v]!)) {
          const s = r.result.createObjectStore(name, name === 'outbox' ? { keyPath: 'seq', autoIncrement: true } : { keyPath: 'id' });
          for (const [ix, path, unique] of ixs) s.createIndex(ix, path, { unique });
        }
      };
      r.onsuccess = () => resolve(r.result);
      r.onerror = () => reject(r.error);
    });
    opened.set(v, p);
  }
  return p;
}
const counters: Record<string, number> = {};

export async function indexSave(v: string, demo: boolean): Promise<Phases> {
  const idb = await open(v);
  const n = (counters[v + demo] = (counters[v + demo] ?? 0) + 1);
  const householdId = `h${(n * 7919) % 5000}`;
  const flag = demo ? { demo: 1 } : {};
  const id = uuidv7();
  const visit = { id, householdId, hamletId: 'x', memberId: 'm', at: new Date().toISOString(), kind: 'home', notes: 'Đã hướng dẫn mua hàng trên sàn', outcomes: [{ item: 'ecommerce_buy', personId: null, outcome: 'guided', details: [], other: '' }], followUpOn: null, catalogueVersion: 1, amends: null };
  const t0 = performance.now();
  const tx = idb.transaction(['outbox', 'visits', 'digests', 'householdFacts'], 'readwrite', { durability: 'strict' });
  const done = new Promise((r) => (tx.oncomplete = r));
  await Promise.all([
    req(tx.objectStore('outbox').add({ mutationId: uuidv7(), entityId: id, householdId, mutation: { id, type: 'visit.create', payload: visit }, status: 'pending', createdAt: visit.at, ...flag })),
    req(tx.objectStore('visits').add({ ...visit, ...flag })),
    req(tx.objectStore('digests').put({ id: householdId, hamletId: `ham${n % 20}`, label: 'Nguyễn Văn A', priority: n % 7, ...flag })),
    req(tx.objectStore('householdFacts').put({ id: householdId, hamletId: `ham${n % 20}`, label: 'Nguyễn Văn A', facts: { n }, ...flag })),
  ]);
  await done;
  return { total: performance.now() - t0 };
}
