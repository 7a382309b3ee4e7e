/**
 * A phone whose date was wrong: the server refuses what it stamped more than a day ahead, and once the date is right
 * again the same sync stamps those items afresh and sends them (src/sync/clock.ts, src/data/clock-repair.ts). A date
 * wrong the other way (reset to 2001) must not re-stamp anything. Real engine, real data layer, real server.
 */
import { afterAll, afterEach, beforeEach, describe, expect, it } from 'vitest';
import { DB_KINDS, enrolPhone, startServer, stopPg, type TestServer } from './sync-harness';
import { db } from '../../src/data/db';
import { getHousehold, listHouseholdSummaries, listOutbox } from '../../src/data/index';
import { recordVisit, requestHouseholdRemoval, saveHousehold } from '../../src/data/edits';
import { HLC_MAX_DRIFT_MS, decodeHlc } from '../../src/shared/hlc';

afterAll(stopPg);

const YEAR_MS = 366 * 24 * 3600 * 1000;

for (const kind of DB_KINDS) describe(`a wrong phone date [${kind}]`, () => {
  let server: TestServer;
  beforeEach(async () => { server = await startServer({ kind }); });
  afterEach(async () => { await server.close(); });

  it('changes stamped a year ahead are refused, kept while the date is still wrong, and sent once it is right', async () => {
    const h0 = server.demo.hamlets[0]!;
    const phone = await enrolPhone(server, 'member', [h0.id]);
    expect((await phone.sync()).ok).toBe(true);
    const householdId = (await listHouseholdSummaries(h0.id))[0]!.id;
    const { id: _id, communeId: _c, hlc: _h, conflicts: _x, demo: _d, ...fields } = (await getHousehold(householdId))!.household;

    // The volunteer's phone thinks it is next year.
    const ahead = Date.now() + YEAR_MS;
    const visit = await recordVisit({ householdId, kind: 'home', outcomes: [], notes: 'Ngày máy sai', followUpOn: null }, ahead);
    await saveHousehold({ id: householdId, fields: { ...fields, alley: 'Sau nhà văn hoá' }, persons: [] }, ahead);
    const stampedAhead = (await db.outbox.toArray()).map((r) => r.mutation.hlc);
    const refusedRun = await phone.sync({ now: () => ahead });
    expect(refusedRun.receipt?.rejected).toBe(2);
    // The receipt says how far off the phone's clock was (the sync screen tells the volunteer).
    expect(refusedRun.receipt!.serverSkewMs!).toBeLessThan(-365 * 24 * 3600 * 1000);
    let items = await listOutbox();
    expect(items.map((i) => i.status)).toEqual(['rejected', 'rejected']);
    expect(items[0]!.reason).toMatch(/tương lai/);

    // Reset to 2001 (a flat battery): still wrong, the other way. Nothing is re-stamped into the past.
    const behind = Date.parse('2001-01-01T00:00:00Z');
    expect((await phone.sync({ now: () => behind })).receipt?.rejected).toBe(0);
    expect((await db.outbox.toArray()).map((r) => [r.status, r.mutation.hlc])).toEqual(stampedAhead.map((h) => ['rejected', h]));

    // The date is put right. Before syncing, the volunteer corrects the alley again (stamped with the right date):
    // the older edit, re-sent with a fresh stamp, must not win over it.
    await saveHousehold({ id: householdId, fields: { ...fields, alley: 'Đầu bản, cạnh cầu' }, persons: [] });
    // The next sync stamps the refused items afresh and the server stores them.
    const fixed = await phone.sync();
    expect(fixed.ok).toBe(true);
    expect(fixed.receipt?.rejected).toBe(0);
    expect(Math.abs(fixed.receipt!.serverSkewMs!)).toBeLessThan(60_000);
    expect(fixed.receipt?.sent).toMatchObject({ visits: 1, households: 2 });
    expect(await db.outbox.count()).toBe(0);
    const stored = await server.store.db.selectFrom('visits').select(['id', 'data']).where('id', '=', visit.id).execute();
    expect(stored).toHaveLength(1);
    // Recorded under a date a year ahead, it is dated when it was sent (the latest it can have happened), not next year.
    expect(Date.parse((JSON.parse(stored[0]!.data!) as { at: string }).at)).toBeLessThanOrEqual(Date.now());
    // The phone's copy carries the new stamp, the one the server kept.
    const local = (await getHousehold(householdId))!.household;
    expect(local.alley).toBe('Đầu bản, cạnh cầu');
    expect(decodeHlc(local.hlc.alley!).wallMs).toBeLessThanOrEqual(Date.now() + HLC_MAX_DRIFT_MS);

    // Another phone of the hamlet receives the latest edit.
    const other = await enrolPhone(server, 'hamlet_leader', [h0.id]);
    expect((await other.sync()).ok).toBe(true);
    expect((await getHousehold(householdId))!.household.alley).toBe('Đầu bản, cạnh cầu');
    expect(await db.visits.get(visit.id)).toBeDefined();
    await other.destroy();
    await phone.destroy();
  });

  it('what was recorded after the date was fixed, on a household created under the wrong date, goes too', async () => {
    const h0 = server.demo.hamlets[0]!;
    const phone = await enrolPhone(server, 'member', [h0.id]);
    expect((await phone.sync()).ok).toBe(true);
    const ahead = Date.now() + YEAR_MS;
    const fields = { ...(await getHousehold((await listHouseholdSummaries(h0.id))[0]!.id))!.household };
    const { id: _i, communeId: _c, hlc: _h, conflicts: _x, demo: _d, ...base } = fields;
    const created = await saveHousehold({ fields: { ...base, label: 'Hộ mới lập' }, persons: [] }, ahead);
    const removed = await saveHousehold({ fields: { ...base, label: 'Hộ xin xoá' }, persons: [] }, ahead);
    await phone.sync({ now: () => ahead }); // both refused: the date is wrong
    // The date is put right; before syncing, a visit to the first, and the second asks to be removed.
    const visit = await recordVisit({ householdId: created, kind: 'home', outcomes: [], notes: 'Sau khi sửa ngày', followUpOn: null });
    await requestHouseholdRemoval(removed);
    const run = await phone.sync();
    expect(run.receipt?.rejected).toBe(0);
    expect(await listOutbox()).toEqual([]);
    const rows = await server.store.db.selectFrom('households').select(['id', 'data']).where('id', 'in', [created, removed]).execute();
    expect(rows.find((r) => r.id === created)?.data).not.toBeNull();
    expect(rows.find((r) => r.id === removed)?.data ?? null).toBeNull(); // erased, not brought back by its re-sent creation
    expect(await server.store.db.selectFrom('visits').select('id').where('id', '=', visit.id).execute()).toHaveLength(1);
    await phone.destroy();
  });
});
