/**
 * The client sync engine against the real server app (in-process, SQLite): enrolment, push, scoped pull,
 * connections cut before/during/after the commit, duplicated and reordered retries.
 */
import { afterAll, afterEach, beforeEach, describe, expect, it } from 'vitest';
import { DB_KINDS, enrolPhone, startServer, stopPg, type TestServer } from './sync-harness';
import { db } from '../../src/data/db';
import { getHousehold, listHouseholdSummaries, outboxCounts } from '../../src/data/index';
import { dismissConflict, listConflicts, recordVisit, requestHouseholdRemoval, saveHousehold } from '../../src/data/edits';
import { snapshotCounts } from '../../server/db';

afterAll(stopPg);

const visit = (householdId: string, notes = '') => ({ householdId, kind: 'home' as const, outcomes: [], notes, followUpOn: null });

for (const kind of DB_KINDS) describe(`sync engine ↔ real server [${kind}]`, () => {
  let server: TestServer;
  beforeEach(async () => { server = await startServer({ kind }); });
  afterEach(async () => { await server.close(); });

  async function serverVisitIds(): Promise<Set<string>> {
    const rows = await server.store.db.selectFrom('visits').select('id').execute();
    return new Set(rows.map((r) => r.id));
  }

  it('a member pulls only their hamlet, records visits offline, and they land on the server once', async () => {
    const [h0, h1] = server.demo.hamlets;
    const phone = await enrolPhone(server, 'member', [h0!.id]);
    expect((await phone.sync()).ok).toBe(true);
    const mine = await listHouseholdSummaries(h0!.id);
    expect(mine.length).toBe(server.demo.households.filter((h) => h.hamletId === h0!.id).length);
    expect(await listHouseholdSummaries(h1!.id)).toEqual([]);
    expect(await db.visits.filter((v) => v.hamletId !== h0!.id).count()).toBe(0);
    const before = await serverVisitIds();
    const ids = [];
    for (let i = 0; i < 3; i++) ids.push((await recordVisit(visit(mine[0]!.id, `lần ${i}`))).id);
    const result = await phone.sync();
    expect(result.ok).toBe(true);
    expect(result.receipt?.sent.visits).toBe(3);
    const after = await serverVisitIds();
    expect(after.size).toBe(before.size + 3);
    for (const id of ids) expect(after.has(id)).toBe(true);
    expect((await outboxCounts()).pending).toBe(0);
    await phone.destroy();
  });

  for (const cut of ['before', 'during', 'after'] as const) {
    it(`a connection cut ${cut} the commit is retried without loss or duplicates`, async () => {
      const h0 = server.demo.hamlets[0]!;
      const phone = await enrolPhone(server, 'member', [h0.id]);
      await phone.sync();
      const householdId = (await listHouseholdSummaries(h0.id))[0]!.id;
      const ids = [];
      for (let i = 0; i < 4; i++) ids.push((await recordVisit(visit(householdId))).id);
      const before = (await snapshotCounts(server.store)).visits!;
      server.cuts = [cut, cut];
      const result = await phone.sync();
      expect(result.ok).toBe(true);
      const after = await serverVisitIds();
      expect(after.size).toBe(before + 4);
      for (const id of ids) expect(after.has(id)).toBe(true);
      expect(await db.outbox.count()).toBe(0);
      await phone.destroy();
    });
  }

  it('a retry storm: the same batch resent and reordered comes back duplicate, nothing doubled', async () => {
    const h0 = server.demo.hamlets[0]!;
    const phone = await enrolPhone(server, 'member', [h0.id]);
    await phone.sync();
    const householdId = (await listHouseholdSummaries(h0.id))[0]!.id;
    for (let i = 0; i < 5; i++) await recordVisit(visit(householdId));
    const mutations = (await db.outbox.orderBy('seq').toArray()).map((r) => r.mutation);
    const push = (list: unknown[]) => Promise.resolve(server.app.request('/api/v1/sync/push', {
      method: 'POST', headers: { 'content-type': 'application/json', authorization: `Bearer ${phone.enrolment.token}` },
      body: JSON.stringify({ mutations: list }),
    })).then((r) => r.json() as Promise<{ results: { id: string; status: string }[] }>);
    const first = await push(mutations);
    expect(first.results.map((r) => r.status)).toEqual(Array(5).fill('accepted'));
    const again = await push([...mutations].reverse());
    expect(again.results.map((r) => r.status)).toEqual(Array(5).fill('duplicate'));
    expect(again.results.map((r) => r.id)).toEqual([...mutations].reverse().map((m) => m.id));
    // The phone never heard the first answers: its own sync gets "duplicate" and clears the outbox.
    expect((await phone.sync()).ok).toBe(true);
    expect(await db.outbox.count()).toBe(0);
    const visits = await server.store.db.selectFrom('visits').select('id').where('household_id', '=', householdId).execute();
    expect(new Set(visits.map((v) => v.id)).size).toBe(visits.length);
    await phone.destroy();
  });

  it('adapts the batch to a small body cap (413) and still delivers everything', async () => {
    await server.close();
    server = await startServer({ kind, pushBodyMaxBytes: 6_000 });
    const h0 = server.demo.hamlets[0]!;
    const phone = await enrolPhone(server, 'member', [h0.id]);
    await phone.sync();
    const householdId = (await listHouseholdSummaries(h0.id))[0]!.id;
    for (let i = 0; i < 40; i++) await recordVisit(visit(householdId, 'Ghi chú khá dài để lô vượt giới hạn '.repeat(3)));
    const before = (await snapshotCounts(server.store)).visits!;
    expect((await phone.sync()).ok).toBe(true);
    expect((await snapshotCounts(server.store)).visits).toBe(before + 40);
    expect(server.pushStatuses).toContain(413);
    expect(server.pushStatuses.at(-1)).toBe(200);
    await phone.destroy();
  });

  it('edits and a removal reach another phone of the same hamlet; the tombstone erases it there', async () => {
    const h0 = server.demo.hamlets[0]!;
    const a = await enrolPhone(server, 'member', [h0.id]);
    await a.sync();
    const b = await enrolPhone(server, 'hamlet_leader', [h0.id]);
    await b.sync();
    a.use();
    const [first, second] = await listHouseholdSummaries(h0.id);
    const detail = (await getHousehold(first!.id))!;
    const { id: _id, communeId: _c, hlc: _h, conflicts: _x, demo: _d, ...fields } = detail.household;
    await saveHousehold({ id: first!.id, fields: { ...fields, alley: 'Cạnh cầu treo mới' }, persons: [] });
    await requestHouseholdRemoval(second!.id);
    expect((await a.sync()).ok).toBe(true);
    expect((await b.sync()).ok).toBe(true);
    b.use();
    expect((await getHousehold(first!.id))?.household.alley).toBe('Cạnh cầu treo mới');
    expect(await getHousehold(second!.id)).toBeUndefined();
    expect(await db.visits.where('householdId').equals(second!.id).count()).toBe(0);
    await a.destroy();
    await b.destroy();
  });

  it('the same field edited on two phones offline is flagged; the leader dismisses the flag everywhere', async () => {
    const h0 = server.demo.hamlets[0]!;
    const a = await enrolPhone(server, 'member', [h0.id]);
    await a.sync();
    const leader = await enrolPhone(server, 'hamlet_leader', [h0.id]);
    await leader.sync();
    const householdId = (await listHouseholdSummaries(h0.id))[0]!.id;
    const edit = async (alley: string) => {
      const { id: _i, communeId: _c, hlc: _h, conflicts: _x, demo: _d, ...fields } = (await getHousehold(householdId))!.household;
      await saveHousehold({ id: householdId, fields: { ...fields, alley }, persons: [] });
    };
    a.use();
    await edit('Gần trường');
    leader.use();
    await edit('Gần chợ');
    expect((await a.sync()).ok).toBe(true);
    expect((await leader.sync()).ok).toBe(true);
    leader.use();
    const flags = await listConflicts(householdId);
    expect(flags).toHaveLength(1);
    expect(flags[0]).toMatchObject({ entity: 'household', field: 'alley' });
    expect([flags[0]!.kept, flags[0]!.lost].sort()).toEqual(['Gần chợ', 'Gần trường']);
    expect(await dismissConflict('household', householdId, 'alley')).toBe(true);
    expect(await listConflicts(householdId)).toEqual([]);
    expect((await leader.sync()).ok).toBe(true);
    expect(await db.outbox.count()).toBe(0);
    expect((await a.sync()).ok).toBe(true);
    a.use();
    expect(await listConflicts(householdId)).toEqual([]);
    const alley = (await getHousehold(householdId))!.household.alley;
    leader.use();
    expect((await getHousehold(householdId))!.household.alley).toBe(alley);
    await a.destroy();
    await leader.destroy();
  });
});
