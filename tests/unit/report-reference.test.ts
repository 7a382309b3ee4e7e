import { describe, expect, it } from 'vitest';
import { DEMO_NOW_MS } from '../../src/shared/demo';
import { deriveFigures, lastMonths, monthPeriod, type VisitRow } from '../../src/shared/report';
import { dashboardFrom } from '../../src/worker/reports/dashboard';
import { referenceCounts, referenceTrend } from './report-reference';
import { awkwardCommune, DAY_MS } from './report-awkward';

describe('optimised dashboard equals the straightforward reference', () => {
  const requests = [
    { period: monthPeriod(2026, 10), now: DEMO_NOW_MS - 20 * DAY_MS, staleDays: 30 },
    { period: { kind: 'custom' as const, from: '2026-09-15', to: '2026-12-31' }, now: DEMO_NOW_MS },
  ];
  for (const seed of [3, 17]) {
    for (const [r, req] of requests.entries()) {
      it(`on an awkward generated commune (seed ${seed}, request ${r})`, () => {
        const { d, input } = awkwardCommune(seed);
        const data = { input, hamlets: d.hamlets, communeName: d.commune.name, dataAsOf: null, enrolled: false };
        const dash = dashboardFrom(data, { ...req, trendMonths: 6 });
        const expected = referenceCounts(input, { ...req, hamletIds: d.hamlets.map((h) => h.id) });
        expect(dash.counts).toEqual(expected);
        expect(dash.derived['']).toEqual(deriveFigures(expected.commune));
        // The data must exercise the figures, or the comparison proves little.
        expect(expected.commune.visits.inPeriod).toBeGreaterThan(50);
        expect(expected.followUps.length).toBeGreaterThan(0);
        expect(Object.keys(expected.commune.items.e_wallet!.doneByDetail).length).toBeGreaterThan(0);
        const months = lastMonths(req.now, 6);
        for (const key of Object.keys(dash.trend)) expect(dash.trend[key], key).toEqual(referenceTrend(input, months, key || null));
        expect(dash.trend['']!.some((p) => p.itemsDone > 0)).toBe(true);
        const outcomes = input.visits.reduce((sum, v) => sum + v.outcomes.length, 0);
        expect(outcomes).toBeGreaterThan(4 * input.visits.length); // the encoder's arrays had to grow

        // The optional loader inputs (pre-parsed times, visits already grouped by household) give the same dashboard.
        const byHousehold = new Map<string, VisitRow[]>();
        for (const v of input.visits) byHousehold.set(v.householdId, [...(byHousehold.get(v.householdId) ?? []), { ...v, ms: Date.parse(v.at) }]);
        for (const list of byHousehold.values()) list.reverse(); // order within a household is free
        const digest = { ...data, input: { ...input, visits: [], visitsByHousehold: byHousehold } };
        expect(dashboardFrom(digest, { ...req, trendMonths: 6 })).toEqual(dash);
      });
    }
  }
});
