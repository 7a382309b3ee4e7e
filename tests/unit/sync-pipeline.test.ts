/**
 * The pipelined push (src/sync/push.ts) against an in-memory outbox and a scripted server that answers each request
 * on a later macrotask, so requests really overlap. Checked: the first request goes alone, then at most two batches
 * of visits share the link; a batch with anything else goes alone; a failure with a batch still in flight loses and
 * doubles nothing; the same with a store that only has pendingBatch (no pendingAfter).
 */
import { describe, expect, it } from 'vitest';
import { runSync } from '../../src/sync/engine';
import { PUSH_MAX_IN_FLIGHT } from '../../src/sync/push';
import type { QueuedMutation, SyncStore } from '../../src/sync/store';
import type { Mutation, PushResult } from '../../src/shared/protocol';

function memoryStore(mutations: Mutation[], withPendingAfter: boolean) {
  const rows = mutations.map((mutation, i) => ({ seq: i + 1, mutation, status: 'pending' as string, reason: '' }));
  const pending = () => rows.filter((r) => r.status === 'pending').map((r): QueuedMutation => ({ seq: r.seq, mutation: r.mutation }));
  const store: SyncStore = {
    credentials: async () => ({ serverUrl: 'http://sync.test', token: 't' }),
    pendingBatch: async (limit) => pending().slice(0, limit),
    pendingCount: async () => pending().length,
    acknowledge: async (results: { seq: number; result: PushResult }[]) => {
      for (const { seq, result } of results) {
        const i = rows.findIndex((r) => r.seq === seq);
        if (result.status === 'accepted' || result.status === 'duplicate') rows.splice(i, 1);
        else Object.assign(rows[i]!, { status: result.status, reason: result.reason ?? '' });
      }
    },
    cursor: async () => undefined,
    applyPull: async () => {},
    saveReceipt: async () => {},
    saveError: async () => {},
  };
  if (withPendingAfter) store.pendingAfter = async (after, limit) => pending().filter((q) => q.seq > after).slice(0, limit);
  return { store, rows };
}

const mutation = (i: number, type: Mutation['type'] = 'visit.create') => ({ id: `m-${i}`, type, entityId: `e-${i}`, hlc: 'x', payload: {} }) as unknown as Mutation;

/** A push/pull server that counts requests in flight and can cut one request before or after it "commits". */
function scriptedServer(faults: Record<number, 'cut-before' | 'cut-after'> = {}) {
  const stored = new Map<string, number>();
  const requests: { ids: string[]; inFlightAtStart: number; overlapped: boolean }[] = [];
  const open = new Set<{ overlapped: boolean }>();
  let maxInFlight = 0;
  const pulls: string[] = [];
  const fetch = async (url: string, init: RequestInit = {}): Promise<Response> => {
    if (url.includes('/pull')) pulls.push(url);
    if (url.includes('/pull')) return Response.json({ changes: [], cursor: 'c', hasMore: false, serverTime: new Date().toISOString() });
    // Counted as in flight from the first moment (before the body is read), like a server seeing the first byte.
    const me = { overlapped: open.size > 0 };
    for (const o of open) o.overlapped = true;
    const entry = { ids: [] as string[], inFlightAtStart: open.size + 1, get overlapped() { return me.overlapped; } };
    const n = requests.push(entry) - 1;
    open.add(me);
    maxInFlight = Math.max(maxInFlight, open.size);
    try {
      const stream = new Blob([init.body as BlobPart]).stream().pipeThrough(new DecompressionStream('gzip'));
      const ids = entry.ids = (JSON.parse(await new Response(stream).text()) as { mutations: Mutation[] }).mutations.map((m) => m.id);
      await new Promise((r) => setTimeout(r, 2)); // answer on a later macrotask: the engine may start another meanwhile
      if (faults[n] === 'cut-before') throw new TypeError('cut before commit');
      let acknowledged = 0;
      for (const id of ids) { stored.set(id, (stored.get(id) ?? 0) + 1); acknowledged++; }
      if (faults[n] === 'cut-after') throw new TypeError('cut after commit');
      return Response.json({ results: [], acknowledged, serverTime: new Date().toISOString() });
    } finally { open.delete(me); }
  };
  return { fetch, stored, requests, pulls, maxInFlight: () => maxInFlight };
}

const deps = (store: SyncStore, fetch: (u: string, i?: RequestInit) => Promise<Response>) =>
  ({ store, fetch, now: Date.now, sleep: async () => {}, random: () => 0.5 });

describe.each([true, false])('pipelined push (store with pendingAfter: %s)', (withPendingAfter) => {
  it('sends the first batch alone, then two batches of visits at a time; every item once, outbox empty', async () => {
    const { store, rows } = memoryStore(Array.from({ length: 2500 }, (_, i) => mutation(i)), withPendingAfter);
    const server = scriptedServer();
    const result = await runSync(deps(store, server.fetch));
    expect(result.ok).toBe(true);
    expect(rows).toEqual([]);
    expect(server.stored.size).toBe(2500);
    expect([...server.stored.values()].every((n) => n === 1)).toBe(true);
    expect(server.requests[0]!.inFlightAtStart).toBe(1);
    expect(server.requests[0]!.overlapped).toBe(false);
    expect(server.maxInFlight()).toBe(2);
    expect(PUSH_MAX_IN_FLIGHT).toBe(2);
    expect(server.requests.map((r) => r.ids.length)).toEqual([200, 400, 800, 1000, 100]);
    // Then one pull, asking for the largest page the protocol allows.
    expect(server.pulls.map((u) => new URL(u).searchParams.get('limit'))).toEqual(['2000']);
    // Outbox order is kept batch by batch.
    expect(server.requests.flatMap((r) => r.ids)).toEqual(Array.from({ length: 2500 }, (_, i) => `m-${i}`));
  });

  it('a batch with a household edit never shares the link with another batch', async () => {
    const list = [...Array.from({ length: 700 }, (_, i) => mutation(i)), mutation(700, 'household.put'), ...Array.from({ length: 3000 }, (_, i) => mutation(701 + i))];
    const { store, rows } = memoryStore(list, withPendingAfter);
    const server = scriptedServer();
    expect((await runSync(deps(store, server.fetch))).ok).toBe(true);
    expect(rows).toEqual([]);
    expect(server.stored.size).toBe(3701);
    const withEdit = server.requests.filter((r) => r.ids.includes('m-700'));
    expect(withEdit).toHaveLength(1);
    expect(withEdit[0]!.overlapped).toBe(false);
    expect(server.requests.some((r) => r.overlapped)).toBe(true);
  });

  it.each(['cut-before', 'cut-after'] as const)('a connection cut %s the commit with another batch in flight: nothing lost, the outbox empties', async (cut) => {
    const { store, rows } = memoryStore(Array.from({ length: 3000 }, (_, i) => mutation(i)), withPendingAfter);
    const server = scriptedServer({ 2: cut });
    expect((await runSync(deps(store, server.fetch))).ok).toBe(true);
    expect(rows).toEqual([]);
    expect(server.stored.size).toBe(3000);
    // Only the cut batch may arrive twice (a cut after the commit is answered "duplicate" by a real server).
    const twice = [...server.stored.entries()].filter(([, n]) => n > 1).map(([id]) => id);
    expect(twice.every((id) => server.requests[2]!.ids.includes(id))).toBe(true);
    expect(twice.length).toBe(cut === 'cut-after' ? server.requests[2]!.ids.length : 0);
  });
});

describe('pull with the next page prefetched', () => {
  it('asks for the next page while applying the current one, applies them in order, resumes from the stored cursor after a cut', async () => {
    const { store } = memoryStore([], true);
    const log: string[] = [];
    let stored: string | undefined;
    store.cursor = async () => stored;
    store.applyPull = async (page) => {
      log.push(`apply ${page.cursor} start`);
      await new Promise((r) => setTimeout(r, 2));
      stored = page.cursor;
      log.push(`apply ${page.cursor} done`);
    };
    let cut = true;
    const fetch = async (url: string): Promise<Response> => {
      const from = Number(new URL(url).searchParams.get('cursor') ?? '0');
      log.push(`fetch ${from}`);
      if (from === 2 && cut) { cut = false; throw new TypeError('cut'); }
      return Response.json({ changes: [], cursor: String(from + 1), hasMore: from + 1 < 4, serverTime: new Date().toISOString() });
    };
    expect((await runSync(deps(store, fetch))).ok).toBe(true);
    expect(stored).toBe('4');
    expect(log.filter((l) => l.endsWith('done'))).toEqual(['apply 1 done', 'apply 2 done', 'apply 3 done', 'apply 4 done']);
    // Page 2 was requested before page 1 was written; the cut request for page 3 was retried from stored cursor 2.
    expect(log.indexOf('fetch 1')).toBeLessThan(log.indexOf('apply 1 done'));
    expect(log.filter((l) => l === 'fetch 2')).toHaveLength(2);
    expect(log.lastIndexOf('fetch 2')).toBeGreaterThan(log.indexOf('apply 2 done'));
  });
});
