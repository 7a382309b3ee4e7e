/** GET /api/v1/reports/...: leaders only, scoped to their hamlets, bad input is a 400 with issues (never a 500). */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Hono } from 'hono';
import { createMiddleware } from 'hono/factory';
import { openStore, type Store } from '../../server/db';
import { reportRoutes } from '../../server/reports/routes';
import { ApiFailure, errorResponse } from '../../server/http/errors';
import type { AppEnv } from '../../server/auth/device-auth';
import type { Caller } from '../../server/sync/caller';
import { communeCounts, monthPeriod } from '../../src/shared/report';
import { COMMUNE, fixture, H1, H2, H3, id, NOW, STALE_DAYS } from '../unit/report-fixtures';
import { loadFixture } from './reports-fixture';

let store: Store;
let dir: string;
const callers: Record<string, Caller> = {
  commune: { deviceId: id('dd1'), memberId: id('ec'), communeId: COMMUNE, role: 'commune_leader', hamletIds: [] },
  hamlet: { deviceId: id('dd2'), memberId: id('e1'), communeId: COMMUNE, role: 'hamlet_leader', hamletIds: [H1] },
  member: { deviceId: id('dd3'), memberId: id('e2'), communeId: COMMUNE, role: 'member', hamletIds: [H1] },
};

/** The app's device auth is tested by the server suite; here a header picks the caller. */
function app() {
  const auth = createMiddleware<AppEnv>(async (c, next) => {
    const who = callers[c.req.header('x-test-caller') ?? ''];
    if (!who) throw new ApiFailure('unauthorized', 'no caller');
    c.set('caller', who);
    await next();
  });
  const a = new Hono<AppEnv>();
  a.route('/api/v1/reports', reportRoutes(store, auth, () => NOW));
  a.onError((err, c) => (err instanceof ApiFailure ? errorResponse(c, err) : c.json({ error: String(err) }, 500)));
  return a;
}
const get = (who: string, query: string) => app().request(`/api/v1/reports/counts?${query}`, { headers: { 'x-test-caller': who } });

beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), 'tungnha-report-routes-'));
  store = await openStore({ dataDir: dir });
  await loadFixture(store);
});
afterAll(async () => { await store.close(); rmSync(dir, { recursive: true, force: true }); });

describe('GET /api/v1/reports/counts', () => {
  it('gives a commune leader every hamlet and the commune, equal to the client figures', async () => {
    const res = await get('commune', `from=2026-01-01&to=2026-01-31&kind=month&staleDays=${STALE_DAYS}`);
    expect(res.status).toBe(200);
    const body = await res.json();
    const client = communeCounts(fixture, { period: monthPeriod(2026, 1), now: NOW, hamletIds: [H1, H2, H3], staleDays: STALE_DAYS });
    expect(body.counts.hamlets).toEqual(client.hamlets);
    expect(body.hamlets.map((h: { name: string }) => h.name)).toEqual(['Bản Nà Hẩu', 'Bản Khe Đát', 'Bản Đồng Tâm']);
    expect(body.figures['']['households.total']).toBe(4);
    expect(body.derived[''].coverageEverPct).toBe(75);
  });
  it('gives a hamlet leader only their hamlet, and refuses another', async () => {
    const body = await (await get('hamlet', 'from=2026-01-01&to=2026-01-31')).json();
    expect(body.counts.hamlets.map((s: { hamletId: string }) => s.hamletId)).toEqual([H1]);
    expect(Object.keys(body.figures)).toEqual([H1]);
    const other = await get('hamlet', `from=2026-01-01&to=2026-01-31&hamletId=${H2}`);
    expect(other.status).toBe(403);
  });
  it('refuses members who are not leaders', async () => {
    const res = await get('member', 'from=2026-01-01&to=2026-01-31');
    expect(res.status).toBe(403);
    expect((await res.json()).error.code).toBe('forbidden');
  });
  it('answers bad periods with 400 and the issues', async () => {
    for (const q of ['from=2026-01-31&to=2026-01-01', 'from=hôm-nay&to=2026-01-01', 'from=2020-01-01&to=2026-01-01', 'to=2026-01-01', 'from=2026-01-01&to=2026-01-31&staleDays=-1', 'from=2026-01-01&to=2026-01-31&x=1', 'from=0099-12-31&to=1999-12-31']) {
      const res = await get('commune', q);
      expect(res.status, q).toBe(400);
      const body = await res.json();
      expect(body.error.code).toBe('bad_request');
      expect(body.error.issues.length).toBeGreaterThan(0);
    }
  });
  it('lists which hamlets submitted for the period', async () => {
    const res = await app().request('/api/v1/reports/submitted?from=2026-01-01&to=2026-01-31', { headers: { 'x-test-caller': 'commune' } });
    expect((await res.json()).reports).toEqual([{ id: id('a01'), hamletId: H1, submittedAt: '2026-02-01T02:00:00.000Z', submittedBy: id('e1') }]);
    const feb = await app().request('/api/v1/reports/submitted?from=2026-02-01&to=2026-02-28', { headers: { 'x-test-caller': 'commune' } });
    expect((await feb.json()).reports).toEqual([]);
  });
});
