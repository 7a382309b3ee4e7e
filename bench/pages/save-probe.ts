/**
 * Where a save's time goes (docs/benchmarks.md item 3). `probeSave(variant, count)` records `count` visits like
 * `save` does and returns one phase breakdown per save: validation await, time to the transaction callback, when each
 * read and each write resolved, the IndexedDB `complete` event and Dexie's resolution. Variants replay recordVisit's
 * requests through Dexie ('dexie') or native IndexedDB on Dexie's own connection ('raw', 'raw-*'), so the gap between
 * them is Dexie's overhead and the gap between raw variants is the cost of one request or store. Driven by
 * bench/experiments/probe-save.ts.
 */
import { db, type HouseholdRow, type VisitRow } from '../../src/data/db';
import { tickFrom, writerContext, type WriterContext } from '../../src/data/meta';
import { outboxRow } from '../../src/data/outbox';
import { putDigests, toDigestRow } from '../../src/data/digest-upgrade';
import { validation } from '../../src/data/validation';
import { prepareVisit, recordVisit } from '../../src/data/edits';
import { request as req } from '../../src/data/native-tx';
import { CURRENT_CATALOGUE_VERSION } from '../../src/shared/catalogue';
import { uuidv7 } from '../../src/shared/ids';
import type { Visit } from '../../src/shared/schema';
import { indexSave } from './index-ab';

export type Phases = Record<string, number>;
let pick = 0;
let keys: string[] | undefined;

async function household(): Promise<string> {
  keys ??= (await db.households.toCollection().primaryKeys()) as string[];
  return keys[(pick++ * 7919) % keys.length]!;
}

/** The visit every bench save records (bench.ts `save` and the probes here). */
export const input = (householdId: string) => ({
  householdId, kind: 'home' as const, notes: 'Đã hướng dẫn mua hàng trên sàn',
  outcomes: [{ item: 'ecommerce_buy', personId: null, outcome: 'guided' as const, details: [], other: '' }], followUpOn: null,
});

/** recordVisit as it was before D-V1 (Dexie, rows read, digest rebuilt), for before/after in one run. */
async function recordVisitBefore(householdId: string, now = Date.now()): Promise<void> {
  const { schema, parseInto } = await validation();
  await db.transaction('rw', [db.households, db.persons, db.visits, db.outbox, db.drafts, db.meta, db.digests, db.householdFacts, db.hamletFacts], async () => {
    const [household, metaRows, persons, visits] = await Promise.all([
      db.households.get(householdId), db.meta.bulkGet(['device', 'demo', 'hlc', 'node']),
      db.persons.where('householdId').equals(householdId).toArray(), db.visits.where('householdId').equals(householdId).toArray(),
    ]);
    const [device, demoId, hlc0, node] = metaRows.map((r) => r?.value);
    const ctx = { device, demo: demoId, hlc: hlc0, node } as WriterContext;
    const h = household!;
    const demo = h.demo === 1;
    const visit: Visit = parseInto(schema.Visit, {
      id: uuidv7(now), hamletId: h.hamletId, memberId: demo ? ctx.demo?.memberId : ctx.device?.member.id,
      at: new Date(now).toISOString(), ...input(householdId), catalogueVersion: CURRENT_CATALOGUE_VERSION, amends: null,
    }, '', [])!;
    const { hlc, writes } = tickFrom(ctx, now);
    const row: VisitRow = demo ? { ...visit, demo: 1 } : visit;
    await Promise.all([
      db.visits.add(row),
      db.outbox.add(outboxRow({ id: uuidv7(now), type: 'visit.create', entityId: visit.id, hlc, payload: visit }, h.id, demo, now)),
      db.drafts.delete(h.id), db.meta.bulkPut(writes),
      putDigests(db.digests, db.householdFacts, [toDigestRow(h, persons, [...visits, row])]),
      db.hamletFacts.delete(h.hamletId),
    ]);
  });
}

async function before(): Promise<Phases> {
  const id = await household();
  const t0 = performance.now();
  await recordVisitBefore(id);
  return { total: performance.now() - t0 };
}

/**
 * The real recordVisit with every IndexedDB call it makes timed from outside: IDB prototypes are wrapped for the
 * duration of the call (a few µs each), so the phases are those of the production code, not of a copy.
 */
async function realPhases(early = false): Promise<Phases> {
  const id = await household();
  if (early) await prepareVisit(id);
  const p: Phases = {};
  let t0 = 0;
  const mark = (k: string) => { let key = k; for (let i = 2; key in p; i++) key = `${k}${i}`; p[key] = performance.now() - t0; };
  const undo: (() => void)[] = [];
  const wrap = (proto: object, name: string, label: (self: { name: string }) => string) => {
    const o = proto as Record<string, (...a: unknown[]) => IDBRequest>;
    const orig = o[name]!;
    o[name] = function (this: { name: string }, ...args: unknown[]) {
      const l = label(this);
      if (l.startsWith('w.') && !('issue' in p)) mark('issue');
      const r = orig.apply(this, args);
      r.addEventListener('success', () => mark(l));
      return r;
    };
    undo.push(() => { o[name] = orig; });
  };
  for (const m of ['get', 'getAll', 'getAllKeys', 'add', 'put', 'delete']) wrap(IDBObjectStore.prototype, m, (s) => `${m[0] === 'g' ? 'r' : 'w'}.${s.name}`);
  for (const m of ['getAll', 'getAllKeys']) wrap(IDBIndex.prototype, m, (s) => `r.${(s as unknown as IDBIndex).objectStore.name}.${m === 'getAll' ? 'rows' : 'keys'}`);
  const txOrig = IDBDatabase.prototype.transaction;
  IDBDatabase.prototype.transaction = function (this: IDBDatabase, ...args: Parameters<IDBDatabase['transaction']>) {
    mark('tx');
    const tx = txOrig.apply(this, args);
    tx.addEventListener('complete', () => mark('complete'));
    return tx;
  } as IDBDatabase['transaction'];
  undo.push(() => { IDBDatabase.prototype.transaction = txOrig; });
  try {
    t0 = performance.now();
    await recordVisit(input(id));
    mark('total');
  } finally {
    for (const u of undo) u();
  }
  return p;
}

/** The real recordVisit, timed only from outside (as the bench does). */
async function real(): Promise<Phases> {
  const id = await household();
  const t0 = performance.now();
  await recordVisit(input(id));
  return { total: performance.now() - t0 };
}

/** recordVisit after the visit form's early read (prepareVisit, D-V3), as the app saves; only the save is timed. */
async function prepared(): Promise<Phases> {
  const id = await household();
  const t = performance.now();
  await prepareVisit(id);
  const t0 = performance.now();
  await recordVisit(input(id));
  return { prepare: t0 - t, total: performance.now() - t0 };
}

type Validation = Awaited<ReturnType<typeof validation>>;

function build(ctx: WriterContext, h: HouseholdRow, now: number, { parseInto, schema }: Validation) {
  const visit: Visit = parseInto(schema.Visit, {
    id: uuidv7(now), hamletId: h.hamletId, memberId: ctx.demo?.memberId ?? ctx.device?.member.id,
    at: new Date(now).toISOString(), ...input(h.id), householdId: h.id, catalogueVersion: CURRENT_CATALOGUE_VERSION, amends: null,
  }, '', [])!;
  const { hlc, writes } = tickFrom(ctx, now);
  const row: VisitRow = h.demo === 1 ? { ...visit, demo: 1 } : visit;
  return { visit, row, hlc, writes, outbox: outboxRow({ id: uuidv7(now), type: 'visit.create', entityId: visit.id, hlc, payload: visit }, h.id, h.demo === 1, now) };
}

/** recordVisit's requests through Dexie, each timed. */
async function dexie(commit = false): Promise<Phases> {
  const id = await household();
  const p: Phases = {};
  const t0 = performance.now();
  const mark = (k: string) => (p[k] = performance.now() - t0);
  const v = await validation();
  mark('validation');
  const now = Date.now();
  await db.transaction('rw', [db.households, db.persons, db.visits, db.outbox, db.drafts, db.meta, db.digests, db.householdFacts, db.hamletFacts], async (tx) => {
    mark('callback');
    tx.idbtrans.addEventListener('complete', () => mark('complete'));
    const timed = <T>(k: string, q: PromiseLike<T>) => Promise.resolve(q).then((v) => { mark(k); return v; });
    const [h, ctx, persons, visits] = await Promise.all([
      timed('r.household', db.households.get(id)), timed('r.meta', writerContext()),
      timed('r.persons', db.persons.where('householdId').equals(id).toArray()), timed('r.visits', db.visits.where('householdId').equals(id).toArray()),
    ]);
    mark('reads');
    const b = build(ctx, h!, now, v);
    const digest = toDigestRow(h!, persons, [...visits, b.row]);
    const { facts, ...summary } = digest;
    mark('compute');
    const writes = Promise.all([
      timed('w.visit', db.visits.add(b.row)), timed('w.outbox', db.outbox.add(b.outbox)), timed('w.draft', db.drafts.delete(id)),
      timed('w.meta', db.meta.bulkPut(b.writes)), timed('w.digest', db.digests.put(summary)),
      timed('w.facts', db.householdFacts.put({ id, hamletId: digest.hamletId, label: digest.label, priority: digest.priority, facts, ...(digest.demo ? { demo: 1 as const } : {}) })),
      timed('w.bundle', db.hamletFacts.delete(h!.hamletId)),
    ]);
    if (commit) tx.idbtrans.commit();
    await writes;
    mark('writes');
  });
  mark('total');
  return p;
}


/** The same requests in native IndexedDB; options drop or change one request or store to price it. */
async function raw(opts: { commit?: boolean; noBundle?: boolean; noVisitsRead?: boolean; noPersonsRead?: boolean; digestRead?: boolean; relaxed?: boolean; meta1?: boolean }): Promise<Phases> {
  const id = await household();
  const idb = db.backendDB();
  const p: Phases = {};
  const t0 = performance.now();
  const mark = (k: string) => (p[k] = performance.now() - t0);
  const v = await validation();
  const now = Date.now();
  const stores = ['households', 'persons', 'visits', 'outbox', 'drafts', 'meta', 'digests', 'householdFacts', ...(opts.noBundle ? [] : ['hamletFacts'])];
  const tx = idb.transaction(stores, 'readwrite', { durability: opts.relaxed ? 'relaxed' : 'strict' });
  const done = new Promise<void>((res, rej) => { tx.oncomplete = () => { mark('complete'); res(); }; tx.onabort = () => rej(tx.error); });
  const timed = <T>(k: string, r: IDBRequest<T>) => req(r).then((v) => { mark(k); return v; });
  const st = (n: string) => tx.objectStore(n);
  const metaKeys = opts.meta1 ? ['hlc'] : ['device', 'demo', 'hlc', 'node'];
  const [h, metaRows, persons, visits] = await Promise.all([
    timed('r.household', st('households').get(id)),
    Promise.all(metaKeys.map((k) => req(st('meta').get(k)))).then((v) => { mark('r.meta'); return v; }),
    opts.noPersonsRead ? Promise.resolve([]) : timed('r.persons', st('persons').index('householdId').getAll(id)),
    opts.noVisitsRead ? Promise.resolve([]) : timed('r.visits', st('visits').index('householdId').getAll(id)),
    opts.digestRead ? Promise.all([timed('r.digest', st('digests').get(id)), timed('r.hfacts', st('householdFacts').get(id))]) : undefined,
  ]);
  mark('reads');
  const m = Object.fromEntries(metaKeys.map((k, i) => [k, (metaRows[i] as { value: unknown } | undefined)?.value]));
  const ctx = (opts.meta1 ? { demo: { memberId: 'x' }, node: 'n', hlc: m.hlc } : m) as WriterContext;
  const b = build(ctx, h as HouseholdRow, now, v);
  const digest = toDigestRow(h, persons as never[], [...(visits as VisitRow[]), b.row]);
  const { facts, ...summary } = digest;
  mark('compute');
  const writes = Promise.all([
    timed('w.visit', st('visits').add(b.row)), timed('w.outbox', st('outbox').add(b.outbox)), timed('w.draft', st('drafts').delete(id)),
    Promise.all(b.writes.map((w) => req(st('meta').put(w)))).then(() => mark('w.meta')),
    timed('w.digest', st('digests').put(summary)),
    timed('w.facts', st('householdFacts').put({ id, hamletId: digest.hamletId, label: digest.label, priority: digest.priority, facts, ...(digest.demo ? { demo: 1 } : {}) })),
    opts.noBundle ? undefined : timed('w.bundle', st('hamletFacts').delete(h.hamletId)),
  ]);
  if (opts.commit) tx.commit();
  await writes;
  mark('writes');
  await done;
  mark('total');
  return p;
}

/** Time to a first result: one get in a readonly transaction over one store or over the save's nine. */
async function first(stores: string[], store: string, key: 'household' | 'hlc', mode: IDBTransactionMode = 'readonly'): Promise<Phases> {
  const id = await household();
  const t0 = performance.now();
  const tx = db.backendDB().transaction(stores, mode, { durability: 'strict' });
  const done = new Promise((r) => (tx.oncomplete = r));
  await req(tx.objectStore(store).get(key === 'hlc' ? 'hlc' : id));
  const p: Phases = { first: performance.now() - t0 };
  await done;
  p.total = performance.now() - t0;
  return p;
}
const NINE = ['households', 'persons', 'visits', 'outbox', 'drafts', 'meta', 'digests', 'householdFacts', 'hamletFacts'];

type Timed = <T>(k: string, r: IDBRequest<T>) => Promise<T>;

/** One read-only round over the save's stores for a household: every read timed from the start, then the total. */
async function readRound(reads: (id: string, timed: Timed, st: (n: string) => IDBObjectStore, mark: (k: string) => void) => Promise<unknown>[]): Promise<Phases> {
  const id = await household();
  const p: Phases = {};
  const t0 = performance.now();
  const mark = (k: string) => (p[k] = performance.now() - t0);
  const tx = db.backendDB().transaction(NINE, 'readonly');
  const timed: Timed = (k, r) => req(r).then((v) => { mark(k); return v; });
  const st = (n: string) => tx.objectStore(n);
  await Promise.all(reads(id, timed, st, mark));
  mark('total');
  return p;
}
const metaRead = (st: (n: string) => IDBObjectStore, mark: (k: string) => void) =>
  Promise.all(['device', 'demo', 'hlc', 'node'].map((k) => req(st('meta').get(k)))).then(() => mark('r.meta'));

/** The incremental read round: digest + facts by key, visit and person ids by index (keys only), meta. */
const keysRead = () => readRound((id, timed, st, mark) => [
  timed('r.digest', st('digests').get(id)), timed('r.hfacts', st('householdFacts').get(id)), metaRead(st, mark),
  timed('r.personKeys', st('persons').index('householdId').getAllKeys(id)), timed('r.visitKeys', st('visits').index('householdId').getAllKeys(id)),
]);
/** The full read round the old save did: the household, meta, and the household's person and visit rows. */
const rowsRead = () => readRound((id, timed, st, mark) => [
  timed('r.household', st('households').get(id)), metaRead(st, mark),
  timed('r.persons', st('persons').index('householdId').getAll(id)), timed('r.visits', st('visits').index('householdId').getAll(id)),
]);

const VARIANTS: Record<string, () => Promise<Phases>> = {
  real, prepared, before, realPhases: () => realPhases(), preparedPhases: () => realPhases(true), dexie: () => dexie(), 'dexie-commit': () => dexie(true), raw: () => raw({}), 'raw-commit': () => raw({ commit: true }), 'raw-noBundle': () => raw({ noBundle: true }), 'raw-noVisitsRead': () => raw({ noVisitsRead: true }),
  'raw-noPersonsRead': () => raw({ noPersonsRead: true }), 'raw-digestRead': () => raw({ digestRead: true }),
  'raw-relaxed': () => raw({ relaxed: true }), 'raw-meta1': () => raw({ meta1: true }),
  'first-meta1': () => first(['meta'], 'meta', 'hlc'), 'first-meta9': () => first(NINE, 'meta', 'hlc'),
  'first-hh1': () => first(['households'], 'households', 'household'), 'first-hh9rw': () => first(NINE, 'households', 'household', 'readwrite'),
  keysRead, rowsRead,
  'ix-v2': () => indexSave('v2', false), 'ix-v3': () => indexSave('v3', false), 'ix-v2-demo': () => indexSave('v2', true), 'ix-v3-demo': () => indexSave('v3', true),
};

/** `count` rounds; each round runs every named variant once, in turn (interleaved, so drift hits all alike). */
export async function probeSave(variants: string[], count: number): Promise<Record<string, Phases[]>> {
  const out: Record<string, Phases[]> = Object.fromEntries(variants.map((v) => [v, []]));
  for (let i = 0; i < count; i++) for (const v of variants) out[v]!.push(await VARIANTS[v]!());
  return out;
}

/** In Chromium: does a live query (the outbox count the header shows) hear of a save? Resolves with the counts seen. */
export async function probeLiveQuery(): Promise<number[]> {
  const { observeOutboxCount } = await import('../../src/data/observe');
  const seen: number[] = [];
  const stop = observeOutboxCount((c) => seen.push(c.pending));
  const until = async (n: number) => { for (let i = 0; i < 100 && seen.length < n; i++) await new Promise((r) => setTimeout(r, 20)); };
  await until(1);
  await recordVisit(input(await household()));
  await until(2);
  stop();
  return seen;
}
