/**
 * Group commit for pushes. Writers are serialised anyway (one seq counter row, see seq.ts), and a durable commit
 * costs one fsync — so while one push transaction runs, the pushes that arrive meanwhile queue up and are then
 * committed together in ONE transaction: one seq, one bulk load for all of them, each batch decided in arrival order
 * on the shared state (a later batch sees an earlier one's mutations and edits), each batch's writes applied in
 * order, one fsync. Every batch is still all-or-nothing: if the group's transaction fails, each batch is retried
 * alone so one bad batch cannot fail the others.
 */
import type { PushContext, PushRefs, PushWrites } from '../sync/push-types';
import type { Store } from './connect';
import { loadContext } from './push-store';
import { writeGroup, type PushMeta } from './push-writes';
import { nextSeq } from './seq';
import { commitVisitGroup, NEEDS_GENERAL_PATH, visitsOnly } from './pg-visit-group';

export interface PushJob<R> {
  meta: PushMeta;
  refs: PushRefs;
  decide: (ctx: PushContext) => { results: R; writes: PushWrites };
}

interface Pending { job: PushJob<unknown>; resolve: (r: unknown) => void; reject: (e: unknown) => void }
interface Queue { pending: Pending[]; running: boolean; arriving: number }

/** How long a group waits for pushes that are still being received and validated (only when there are some). */
const GATHER_MAX_MS = 25;

/** Upper bound of mutations committed in one group (keeps a transaction's time and memory bounded). */
const GROUP_MAX_MUTATIONS = 5000;
const queues = new WeakMap<Store, Queue>();
const NOTHING_TO_WRITE = new Error('rollback: nothing to write');

function queuedMutations(q: Queue): number {
  let n = 0;
  for (const p of q.pending) n += p.job.refs.mutationIds.length;
  return n;
}

function queueOf(store: Store): Queue {
  let q = queues.get(store);
  if (!q) queues.set(store, (q = { pending: [], running: false, arriving: 0 }));
  return q;
}

/** A push request has started arriving (body being read and validated). better-sqlite3 blocks the event loop during a
 *  transaction, so without this a group would start before concurrent requests could join it. Release is idempotent. */
export function announcePush(store: Store): { release(): void } {
  const q = queueOf(store);
  q.arriving++;
  let released = false;
  return { release() { if (!released) { released = true; q.arriving--; } } };
}

export function enqueuePush<R>(store: Store, job: PushJob<R>, ticket?: { release(): void }): Promise<R> {
  const q = queueOf(store);
  const done = new Promise<R>((resolve, reject) => q.pending.push({ job: job as PushJob<unknown>, resolve: resolve as (r: unknown) => void, reject }));
  ticket?.release();
  if (!q.running) void drain(store, q);
  return done;
}

async function drain(store: Store, q: Queue): Promise<void> {
  q.running = true;
  try {
    while (q.pending.length > 0) {
      // Let pushes already on the wire finish arriving so they share this commit (bounded wait, none when idle).
      const start = Date.now();
      // No wait once the queue already fills a group: nothing arriving could join it (a slow commit on PostgreSQL leaves
      // 25+ batches queued, and waiting for the next ones added up to 25 ms to every group).
      while (q.arriving > 0 && q.pending.length < 64 && queuedMutations(q) < GROUP_MAX_MUTATIONS && Date.now() - start < GATHER_MAX_MS) {
        await new Promise((r) => setImmediate(r));
      }
      let size = 0;
      let take = 0;
      while (take < q.pending.length && (take === 0 || size + q.pending[take]!.job.refs.mutationIds.length <= GROUP_MAX_MUTATIONS)) {
        size += q.pending[take]!.job.refs.mutationIds.length;
        take++;
      }
      const group = q.pending.splice(0, take);
      try {
        const results = await commitGroup(store, group.map((p) => p.job));
        group.forEach((p, i) => p.resolve(results[i]));
      } catch (err) {
        if (group.length === 1) { group[0]!.reject(err); continue; }
        for (const p of group) {
          try { p.resolve((await commitGroup(store, [p.job]))[0]); } catch (e) { p.reject(e); }
        }
      }
    }
  } finally {
    q.running = false;
  }
}

function mergeRefs(jobs: PushJob<unknown>[]): PushRefs {
  const keys = ['mutationIds', 'householdIds', 'visitHouseholdIds', 'personIds', 'visitIds', 'eventIds', 'reportIds', 'memberIds'] as const;
  const refs = Object.fromEntries(keys.map((k) => [k, jobs.flatMap((j) => j.refs[k])])) as unknown as PushRefs;
  return refs;
}

async function commitGroup(store: Store, jobs: PushJob<unknown>[]): Promise<unknown[]> {
  const refs = mergeRefs(jobs);
  if (store.pushPool && visitsOnly(refs)) {
    try {
      return await commitVisitGroup(store.pushPool, jobs, refs);
    } catch (err) {
      if (err !== NEEDS_GENERAL_PATH) throw err;
    }
  }
  let unchanged: unknown[] | null = null;
  try {
    return await store.db.transaction().execute(async (trx) => {
      const seq = await nextSeq(trx);
      const ctx = await loadContext(trx, store.kind, refs);
      const decided = jobs.map((job) => job.decide(ctx));
      if (decided.every((d) => d.writes.mutations.length === 0)) {
        // Nothing accepted (all duplicates or rejected): roll back so even the seq counter stays as it was.
        unchanged = decided.map((d) => d.results);
        throw NOTHING_TO_WRITE;
      }
      await writeGroup(trx, store, decided.map((d, i) => ({ writes: d.writes, meta: jobs[i]!.meta })), seq);
      return decided.map((d) => d.results);
    });
  } catch (err) {
    if (err === NOTHING_TO_WRITE && unchanged) return unchanged;
    throw err;
  }
}
