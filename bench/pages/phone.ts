/**
 * A phone in the browser for the sync figures: real IndexedDB, real CompressionStream, real fetch, the real data
 * layer and sync engine. The page is loaded through the village link, so its API calls cross the link too.
 */
import { db } from '../../src/data/db';
import { saveEnrolment } from '../../src/data';
import { getMeta, nextHlc, type Device } from '../../src/data/meta';
import { outboxRow } from '../../src/data/outbox';
import { CURRENT_CATALOGUE_VERSION } from '../../src/shared/catalogue';
import { uuidv7 } from '../../src/shared/ids';
import { dexieSyncStore } from '../../src/data/sync-store';
import type { SyncStore } from '../../src/sync/store';
import { runSync, type SyncProgress } from '../../src/sync/engine';
import { EnrolResponse } from '../../src/shared/protocol';
import type { Visit } from '../../src/shared/schema';

let hamletId = '';

export async function enrol(code: string): Promise<{ memberId: string; hamletId: string }> {
  const res = await fetch('/api/v1/enrol', { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ code, deviceName: 'bench phone' }) });
  if (res.status !== 201) throw new Error(`enrol: HTTP ${res.status} ${await res.text()}`);
  const enrolment = EnrolResponse.parse(await res.json());
  await saveEnrolment(enrolment, location.origin);
  hamletId = enrolment.member.hamletIds[0] ?? '';
  return { memberId: enrolment.member.id, hamletId };
}

declare global { interface Window { __benchPhase?: (phase: string) => void } }

/** One step of the sync as the page saw it (ms since the tap): outbox reads/acks, and each request on the link. */
export interface TraceStep { what: string; t0: number; t1: number; n?: number; bytes?: number }

/**
 * One "Đồng bộ" tap; tells the driver when the engine moves from push to pull (to split the link's counters).
 * The store and fetch are wrapped (same behaviour) to time each outbox read, acknowledgement and request, so the
 * report can say where the push phase goes; the gap between a read and its request is encoding + gzip.
 */
export async function sync(): Promise<{ ms: number; ok: boolean; problem?: string; pushMs?: number; trace: TraceStep[] }> {
  const t0 = performance.now();
  const trace: TraceStep[] = [];
  const timed = async <T>(what: string, f: () => Promise<T>, n?: (r: T) => number, bytes?: number): Promise<T> => {
    const s = performance.now() - t0;
    const r = await f();
    trace.push({ what, t0: s, t1: performance.now() - t0, ...(n ? { n: n(r) } : {}), ...(bytes !== undefined ? { bytes } : {}) });
    return r;
  };
  const base = dexieSyncStore;
  const store: SyncStore = {
    ...base,
    pendingBatch: (limit) => timed('read', () => base.pendingBatch(limit), (r) => r.length),
    ...(base.pendingAfter ? { pendingAfter: (after: number, limit: number) => timed('read', () => base.pendingAfter!(after, limit), (r) => r.length) } : {}),
    acknowledge: (results) => timed('ack', () => base.acknowledge(results), () => results.length),
    applyPull: (page, now, token) => timed('apply', () => base.applyPull(page, now, token), () => page.changes.length),
  };
  const body = (i?: RequestInit) => { const b = i?.body; return b instanceof Uint8Array ? b.length : typeof b === 'string' ? b.length : 0; };
  let pushMs: number | undefined;
  const r = await runSync({
    store, fetch: (u, i) => timed(new URL(u, location.href).pathname.split('/').pop()!, () => fetch(u, i), undefined, body(i)),
    now: Date.now, sleep: (ms) => new Promise((res) => setTimeout(res, ms)), random: Math.random,
  }, (p: SyncProgress) => {
    if (p.phase === 'pull' && pushMs === undefined) { pushMs = performance.now() - t0; window.__benchPhase?.('pull'); }
  });
  return { ms: performance.now() - t0, ok: r.ok, trace, ...(r.problem ? { problem: r.problem } : {}), ...(pushMs !== undefined ? { pushMs } : {}) };
}

/**
 * Queues `count` visits offline: the rows recordVisit writes (the visit, and its `visit.create` outbox entry made by
 * the data layer's own outboxRow, with an HLC from nextHlc), all in one transaction so that preparing the benchmark
 * does not take minutes. recordVisit itself cannot be nested in an outer transaction (it awaits a lazy import of
 * the validation code first); its cost is the "save a visit" figure.
 */
export async function queueVisits(count: number): Promise<Visit[]> {
  const ids = (await db.households.where('hamletId').equals(hamletId).primaryKeys()) as string[];
  if (ids.length === 0) throw new Error('no households on the phone: pull first');
  const device = await getMeta<Device>('device');
  if (!device) throw new Error('not enrolled');
  const start = Date.now() - count * 60_000;
  const visits: Visit[] = [];
  await db.transaction('rw', [db.visits, db.outbox, db.meta], async () => {
    for (let i = 0; i < count; i++) {
      const now = start + i * 60_000;
      const householdId = ids[(i * 7919) % ids.length]!;
      const visit: Visit = {
        id: uuidv7(now), householdId, hamletId, memberId: device.member.id, at: new Date(now).toISOString(), kind: 'home',
        outcomes: [
          { item: 'ecommerce_buy', personId: null, outcome: i % 4 === 0 ? 'done' : 'guided', details: [], other: '' },
          { item: 'dvc_dossier', personId: null, outcome: 'had', details: [], other: '' },
        ],
        notes: i % 3 === 0 ? 'Bà cụ đã tự mở được VNeID, hẹn hướng dẫn thêm chuyển khoản' : '',
        followUpOn: null, catalogueVersion: CURRENT_CATALOGUE_VERSION, amends: null,
      };
      const hlc = await nextHlc(now);
      await db.visits.add(visit);
      await db.outbox.add(outboxRow({ id: uuidv7(now), type: 'visit.create', entityId: visit.id, hlc, payload: visit }, householdId, false, now));
      visits.push(visit);
    }
  });
  return visits;
}
