/**
 * One definition of each figure: the counts the phone computes (src/shared/report over local data) equal the counts
 * the server computes by SQL over the same synced data — on SQLite and on PostgreSQL.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { openStore, seedCommune, type Store } from '../../server/db';
import { reportCounts } from '../../server/db/reports';
import { communeCounts, monthPeriod, quarterPeriod, type CommuneCounts, type ReportInput } from '../../src/shared/report';
import type { ReportPeriod } from '../../src/shared/schema';
import { DEMO_NOW_MS, generateDemoCommune } from '../../src/shared/demo';
import { COMMUNE, fixture, H1, H2, H3, NOW, STALE_DAYS } from '../unit/report-fixtures';
import { pgMissingAllowed, startThrowawayPg, type ThrowawayPg } from './pg';
import { loadFixture } from './reports-fixture';

const demo = generateDemoCommune();

const demoInput: ReportInput = { households: demo.households, persons: demo.persons, visits: demo.visits, events: [], members: demo.members };

function suite(name: string, open: () => Promise<Store | null>) {
  describe(`report SQL equals client figures — ${name}`, () => {
    let store: Store | null = null;
    beforeAll(async () => {
      store = await open();
      if (!store) return;
      await loadFixture(store);
      await seedCommune(store, demo);
    });
    afterAll(async () => { await store?.close(); });

    const cases: [string, ReportPeriod][] = [
      ['January (month boundary in Vietnam time, amendment)', monthPeriod(2026, 1)],
      ['February', monthPeriod(2026, 2)],
      ['first quarter', quarterPeriod(2026, 1)],
    ];
    for (const [label, period] of cases) {
      it(`hand-made commune, ${label}`, async (ctx) => {
        if (!store) return ctx.skip();
        const client = communeCounts(fixture, { period, now: NOW, hamletIds: [H1, H2, H3], staleDays: STALE_DAYS });
        const server = await reportCounts(store, { communeId: COMMUNE, hamletIds: null, period, now: NOW, staleDays: STALE_DAYS });
        expect(server).toEqual(client);
      });
    }
    it('hand-made commune, scoped to one hamlet (hamlet leader)', async (ctx) => {
      if (!store) return ctx.skip();
      const period = monthPeriod(2026, 1);
      const client = communeCounts(fixture, { period, now: NOW, hamletIds: [H1, H2, H3], staleDays: STALE_DAYS });
      const server = await reportCounts(store, { communeId: COMMUNE, hamletIds: [H1], period, now: NOW, staleDays: STALE_DAYS });
      expect(server.hamlets).toEqual([client.hamlets[0]]);
      expect(server.commune.households.total).toBe(0);
      expect(server.followUps).toEqual(client.followUps.filter((f) => f.hamletId === H1));
    });
    it('concurrent requests do not see each other\'s working tables', async (ctx) => {
      if (!store) return ctx.skip();
      const q = (period: ReportPeriod) => reportCounts(store!, { communeId: COMMUNE, hamletIds: null, period, now: NOW, staleDays: STALE_DAYS });
      const [jan, feb, q1] = await Promise.all([q(monthPeriod(2026, 1)), q(monthPeriod(2026, 2)), q(quarterPeriod(2026, 1))]);
      expect(jan).toEqual(communeCounts(fixture, { period: monthPeriod(2026, 1), now: NOW, hamletIds: [H1, H2, H3], staleDays: STALE_DAYS }));
      expect(feb).toEqual(communeCounts(fixture, { period: monthPeriod(2026, 2), now: NOW, hamletIds: [H1, H2, H3], staleDays: STALE_DAYS }));
      expect(q1.commune.visits.inPeriod).toBe(4);
    });
    it('demo commune: 18 hamlets, every month of the demo', async (ctx) => {
      if (!store) return ctx.skip();
      const periods = [monthPeriod(2026, 8), monthPeriod(2026, 9), monthPeriod(2026, 10), monthPeriod(2026, 11), quarterPeriod(2026, 4)];
      for (const period of periods) {
        const opts = { period, now: DEMO_NOW_MS, hamletIds: demo.hamlets.map((h) => h.id) };
        const client: CommuneCounts = communeCounts(demoInput, opts);
        const server = await reportCounts(store, { communeId: demo.commune.id, hamletIds: null, period, now: DEMO_NOW_MS });
        expect(server.hamlets).toHaveLength(18);
        expect(server).toEqual(client);
      }
      // The data really exercises the figures (a comparison of zeros would prove nothing).
      const oct = communeCounts(demoInput, { period: monthPeriod(2026, 10), now: DEMO_NOW_MS });
      expect(oct.commune.households.visitedInPeriod).toBeGreaterThan(10);
      expect(Object.values(oct.commune.items).some((i) => i.inPeriod.done > 0)).toBe(true);
    });
  });
}

let tmp: string;
suite('SQLite', async () => {
  tmp = mkdtempSync(join(tmpdir(), 'tungnha-reports-'));
  return openStore({ dataDir: tmp });
});
afterAll(() => { if (tmp) rmSync(tmp, { recursive: true, force: true }); });

let pg: ThrowawayPg | null = null;
// Missing PostgreSQL fails the run loudly unless TUNGNHA_ALLOW_NO_PG=1 (see tests/server/pg.ts).
if (!pgMissingAllowed()) {
  suite('PostgreSQL', async () => {
    pg = await startThrowawayPg();
    return openStore({ databaseUrl: await pg.newDatabase() });
  });
}
afterAll(async () => { await pg?.stop(); });
