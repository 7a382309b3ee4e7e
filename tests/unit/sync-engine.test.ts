import { beforeEach, describe, expect, it } from 'vitest';
import { enrolResponse, enrolled, freshDb, householdFields } from './data-helpers';
import { saveEnrolment } from '../../src/data/device';
import { FakeServer } from './sync-fake-server';
import { db } from '../../src/data/db';
import { getHousehold, listOutbox, dismissRejected, lastSyncError, lastSyncReceipt, outboxCounts } from '../../src/data/index';
import { recordVisit, saveHousehold } from '../../src/data/edits';
import { dexieSyncStore } from '../../src/data/sync-store';
import { setMeta } from '../../src/data/meta';
import { runSync, type SyncDeps, type SyncProgress } from '../../src/sync/engine';
import { PUSH_BATCH_START_ITEMS } from '../../src/shared/limits';

beforeEach(freshDb);

function deps(server: FakeServer, extra: Partial<SyncDeps> = {}): SyncDeps & { slept: number[] } {
  const slept: number[] = [];
  let clock = Date.parse('2026-11-20T03:00:00Z');
  return {
    store: dexieSyncStore, fetch: server.fetch, now: () => (clock += 10), sleep: async (ms) => { slept.push(ms); },
    random: () => 0.5, slept, ...extra,
  };
}

async function setup() {
  const res = await enrolled();
  const server = new FakeServer(res.commune.id);
  const hamletId = res.hamlets[0]!.id;
  const householdId = await saveHousehold({ fields: householdFields(hamletId), persons: [{ fields: { firstName: 'Hùng', birthYear: 1950, hasSmartphone: false, sortName: '' } }] });
  return { res, server, hamletId, householdId };
}

const visit = (householdId: string) => ({ householdId, kind: 'home' as const, outcomes: [], notes: 'Đã đến nhà', followUpOn: null });

describe('sync engine against a fake server', () => {
  it('pushes the outbox gzipped, pulls back, empties the outbox and writes a receipt', async () => {
    const { server, householdId } = await setup();
    for (let i = 0; i < 3; i++) await recordVisit(visit(householdId));
    const progress: SyncProgress[] = [];
    const result = await runSync(deps(server), (p) => progress.push(p));
    expect(result.ok).toBe(true);
    expect(server.visits.size).toBe(3);
    expect(server.gzipBodies).toBeGreaterThan(0);
    // Sent as ASCII JSON (Vietnamese escaped), read back as the same text.
    expect(server.nonAsciiBodies).toBe(0);
    expect([...server.visits.values()].map((v) => v.notes)).toEqual(['Đã đến nhà', 'Đã đến nhà', 'Đã đến nhà']);
    expect((await outboxCounts()).pending).toBe(0);
    const receipt = await lastSyncReceipt();
    expect(receipt?.sent).toMatchObject({ visits: 3, households: 1, persons: 1 });
    expect(receipt?.received).toBe(5);
    expect(receipt!.bytesSent).toBeGreaterThan(0);
    expect(progress.at(-1)?.phase).toBe('done');
    expect(progress.some((p) => p.phase === 'pull')).toBe(true);
    expect(await db.meta.get('cursor')).toMatchObject({ value: '5' });
  });

  it('a later run with no visit to send keeps the last visits sent on its receipt (the one shown to the leader)', async () => {
    const { server, householdId } = await setup();
    for (let i = 0; i < 3; i++) await recordVisit(visit(householdId));
    expect((await runSync(deps(server))).ok).toBe(true);
    const first = (await lastSyncReceipt())!;
    expect((await runSync(deps(server))).ok).toBe(true); // a background sync at the next start: nothing new
    const second = (await lastSyncReceipt())!;
    expect(second.sent.visits).toBe(0);
    expect(second.lastSent).toEqual({ at: first.at, visits: 3 });
    expect((await runSync(deps(server))).ok).toBe(true); // and the one after it still remembers
    expect((await lastSyncReceipt())!.lastSent).toEqual({ at: first.at, visits: 3 });
    await recordVisit(visit(householdId));
    expect((await runSync(deps(server))).ok).toBe(true); // a run that sends visits says only its own
    const fourth = (await lastSyncReceipt())!;
    expect(fourth.sent.visits).toBe(1);
    expect(fourth.lastSent).toBeUndefined();
  });

  it('when the store restarts the pull after a page (the phone\'s own hamlets changed), the same run pulls again from the start', async () => {
    const { server, householdId } = await setup();
    for (let i = 0; i < 3; i++) await recordVisit(visit(householdId));
    expect((await runSync(deps(server))).ok).toBe(true);
    const pulls: string[] = [];
    const fetch: typeof server.fetch = (input, init) => {
      const url = new URL(String(input));
      if (url.pathname.endsWith('/sync/pull')) pulls.push(url.searchParams.get('cursor') ?? '(start)');
      return server.fetch(input, init);
    };
    let restarted = false;
    const store = { ...dexieSyncStore, async applyPull(page: Parameters<typeof dexieSyncStore.applyPull>[0], now: number) {
      await dexieSyncStore.applyPull(page, now);
      if (restarted) return undefined;
      restarted = true; // what a rescope does (sync-store.ts): cursor back to the start, and say so
      await setMeta('cursor', '');
      return 'restart' as const;
    } };
    expect((await runSync(deps(server, { fetch, store }))).ok).toBe(true);
    expect(pulls.slice(0, 2)).toEqual(['5', '(start)']); // then page by page to the end again
    expect(await db.meta.get('cursor')).toMatchObject({ value: '5' });
  });

  it('a phone enrolled again while a pull runs: the old run stops and leaves the new enrolment\'s cursor alone', async () => {
    const { server } = await setup();
    const store = { ...dexieSyncStore, async applyPull(page: Parameters<typeof dexieSyncStore.applyPull>[0], now: number, token?: string) {
      // The volunteer scans a new code on the page while the worker's run is waiting for this page.
      await saveEnrolment({ ...enrolResponse(1), token: 'the-new-token' }, 'http://sync.test/');
      return dexieSyncStore.applyPull(page, now, token);
    } };
    expect((await runSync(deps(server, { store }))).ok).toBe(true);
    expect(await db.meta.get('cursor')).toBeUndefined();
  });

  it('reads compact push results: unlisted items leave the outbox, listed refusals stay with their reason', async () => {
    const { server, householdId } = await setup();
    server.compact = true;
    for (let i = 0; i < 4; i++) await recordVisit(visit(householdId));
    const put = (await listOutbox()).find((o) => o.type === 'household.put')!;
    server.mutations.set(put.mutationId, 'other content'); // that id was already used: "conflict", listed
    const result = await runSync(deps(server));
    expect(result.ok).toBe(true);
    expect(server.visits.size).toBe(4);
    const left = await listOutbox();
    expect(left.map((o) => [o.mutationId, o.status])).toEqual([[put.mutationId, 'conflict']]);
    expect(left[0]!.reason).toBe('different content');
  });

  it('keeps unlisted items pending when the compact count does not add up, and delivers them on the next run', async () => {
    const { server, householdId } = await setup();
    server.compact = true;
    server.miscount = 1;
    for (let i = 0; i < 3; i++) await recordVisit(visit(householdId));
    expect((await runSync(deps(server))).ok).toBe(false);
    expect((await outboxCounts()).pending).toBe(5);
    server.miscount = 0;
    expect((await runSync(deps(server))).ok).toBe(true);
    expect((await outboxCounts()).pending).toBe(0);
    expect(server.visits.size).toBe(3);
  });

  it('halves the batch on 413 and still delivers everything once', async () => {
    const { server, householdId } = await setup();
    for (let i = 0; i < 60; i++) await recordVisit(visit(householdId));
    server.maxBatch = 20;
    const result = await runSync(deps(server));
    expect(result.ok).toBe(true);
    expect(server.visits.size).toBe(60);
    expect(Math.max(...server.pushSizes)).toBeLessThanOrEqual(20);
    expect(server.pushSizes.reduce((a, b) => a + b, 0)).toBe(62);
    expect(PUSH_BATCH_START_ITEMS).toBeGreaterThan(20);
  });

  it('a connection cut before or after the commit is retried; every visit lands exactly once', async () => {
    const { server, householdId } = await setup();
    const ids = [];
    for (let i = 0; i < 5; i++) ids.push((await recordVisit(visit(householdId))).id);
    server.faults = ['cut-before', 'cut-after', 'garbage'];
    const d = deps(server);
    const result = await runSync(d);
    expect(result.ok).toBe(true);
    expect([...server.visits.keys()].sort()).toEqual(ids.sort());
    expect(d.slept.length).toBe(3);
    expect(await db.outbox.count()).toBe(0);
  });

  it('backs off with growing delays and gives up after the quick retries, keeping the outbox', async () => {
    const { server, householdId } = await setup();
    await recordVisit(visit(householdId));
    server.faults = Array(10).fill('status-500');
    const d = deps(server, { maxAttempts: 4 });
    const result = await runSync(d);
    expect(result).toMatchObject({ ok: false, problem: 'server' });
    expect(d.slept).toEqual([750, 1500, 3000]);
    expect((await outboxCounts()).pending).toBe(3);
    expect((await lastSyncError())?.vi).toMatch(/Máy chủ đang gặp sự cố/);
    // Next time the server is fine: it resumes and clears the error.
    server.faults = [];
    expect((await runSync(deps(server))).ok).toBe(true);
    expect(await lastSyncError()).toBeUndefined();
    expect(server.visits.size).toBe(1);
  });

  it('with no network at all it says so after two short waits', async () => {
    const { server, householdId } = await setup();
    await recordVisit(visit(householdId));
    server.faults = Array(10).fill('cut-before');
    const d = deps(server, { maxAttempts: 6 });
    expect(await runSync(d)).toMatchObject({ ok: false, problem: 'offline' });
    expect(d.slept).toEqual([750, 1500]);
    expect((await lastSyncError())?.vi).toMatch(/Không kết nối được máy chủ/);
    expect((await outboxCounts()).pending).toBe(3);
  });

  it('401 stops at once with a plain message and sends nothing more', async () => {
    const { server } = await setup();
    server.faults = ['status-401'];
    const d = deps(server);
    const result = await runSync(d);
    expect(result).toMatchObject({ ok: false, problem: 'unauthorized' });
    expect(d.slept).toEqual([]);
    expect((await lastSyncError())?.vi).toMatch(/thu hồi/);
    expect((await outboxCounts()).pending).toBe(2);
  });

  it('rejected items stay visible with the reason until dismissed', async () => {
    const { server, householdId } = await setup();
    server.removed.add(householdId); // removed on another phone meanwhile
    await recordVisit(visit(householdId));
    await runSync(deps(server));
    const items = await listOutbox();
    const rejected = items.filter((i) => i.status === 'rejected');
    expect(rejected.map((i) => i.type).sort()).toEqual(['household.put', 'person.put', 'visit.create']);
    expect(rejected[0]!.reason).toBe('Hộ đã bị xoá');
    expect((await outboxCounts()).rejected).toBe(3);
    expect(await dismissRejected(rejected[0]!.seq)).toBe(true);
    expect((await listOutbox()).length).toBe(2);
  });

  it('a pulled tombstone erases the household, its members and visits on this device', async () => {
    const { server, householdId } = await setup();
    await recordVisit(visit(householdId));
    await runSync(deps(server));
    expect(server.apply({ id: '0190a000-0000-7000-8000-00000000dead', type: 'household.delete', entityId: householdId, hlc: '000001900000000:0000:other', payload: {} }).status).toBe('accepted');
    await runSync(deps(server));
    expect(await getHousehold(householdId)).toBeUndefined();
    expect(await db.persons.count()).toBe(0);
    expect(await db.visits.count()).toBe(0);
  });

  it('pulled state merges with unsynced local edits: per field the higher clock wins', async () => {
    const { server, householdId, hamletId } = await setup();
    await runSync(deps(server));
    const before = server.households.get(householdId)!;
    const clock = (ms: number) => `${String(ms).padStart(15, '0')}:0000:other`;
    const newer = clock(Date.now() + 60_000);
    // Another phone: a newer alley and an older label than the label edit this phone is about to make.
    expect(server.apply({
      id: '0190a000-0000-7000-8000-0000000000a1', type: 'household.put', entityId: householdId, hlc: newer,
      payload: { fields: { alley: 'Đầu cầu treo' }, base: { alley: before.hlc.alley } },
    }).status).toBe('accepted');
    expect(server.apply({
      id: '0190a000-0000-7000-8000-0000000000a2', type: 'household.put', entityId: householdId, hlc: clock(Date.now() - 60_000),
      payload: { fields: { label: 'Lê Văn Cũ' }, base: { label: before.hlc.label } },
    }).status).toBe('accepted');
    await saveHousehold({ id: householdId, fields: householdFields(hamletId, 'Lê Văn Hưng'), persons: [] });
    // Pull before our edit is pushed (the push was cut): the unsynced label must survive, the newer alley arrives.
    await dexieSyncStore.applyPull(server.pull(Number((await db.meta.get('cursor'))!.value)), Date.now());
    let h = (await getHousehold(householdId))!.household;
    expect(h.label).toBe('Lê Văn Hưng');
    expect(h.alley).toBe('Đầu cầu treo');
    // The local clock moved past the remote one it saw.
    expect(String((await db.meta.get('hlc'))!.value) > newer).toBe(true);
    // After a full sync the server and this phone agree.
    expect((await runSync(deps(server))).ok).toBe(true);
    h = (await getHousehold(householdId))!.household;
    const s = server.households.get(householdId)!;
    expect({ label: h.label, alley: h.alley, hlc: h.hlc }).toEqual({ label: s.label, alley: s.alley, hlc: s.hlc });
    expect(s.label).toBe('Lê Văn Hưng');
  });

  it('a local storage failure (quota) is reported in plain words; the outbox keeps its items', async () => {
    const { server, householdId } = await setup();
    await recordVisit(visit(householdId));
    const store = { ...dexieSyncStore, applyPull: async () => { throw new DOMException('full', 'QuotaExceededError'); } };
    const result = await runSync({ ...deps(server), store }, () => { throw new Error('listener bug'); });
    expect(result).toMatchObject({ ok: false, problem: 'storage' });
    expect((await lastSyncError())?.vi).toMatch(/bộ nhớ/);
    expect(server.visits.size).toBe(1); // the push itself went through before the pull failed
    expect((await outboxCounts()).pending).toBe(0);
  });
});
