import { describe, expect, it } from 'vitest';
import { dashboardFrom } from '../../src/worker/reports/dashboard';
import { communeCounts, monthPeriod, monthlyTrend, lastMonths } from '../../src/shared/report';
import { fixture, H1, H2, H3, HAMLETS, id, NOW, STALE_DAYS } from './report-fixtures';

const data = {
  input: { ...fixture, households: fixture.households.map((h, i) => ({ ...h, label: `Hộ ${i + 1}` })) },
  hamlets: HAMLETS, communeName: 'Tam Quang', dataAsOf: null, enrolled: false,
};

describe('worker dashboard', () => {
  const d = dashboardFrom(data, { period: monthPeriod(2026, 1), now: NOW, staleDays: STALE_DAYS, trendMonths: 3 });
  it('holds the shared counts, derived figures per scope and plain data only', () => {
    expect(d.counts).toEqual(communeCounts(fixture, { period: monthPeriod(2026, 1), now: NOW, hamletIds: [H1, H2, H3], staleDays: STALE_DAYS }));
    expect(Object.keys(d.derived).sort()).toEqual(['', H1, H2, H3].sort());
    expect(d.derived['']!.coverageEverPct).toBe(75);
    expect(structuredClone(d)).toEqual(d); // crosses the Comlink boundary unchanged
  });
  it('gives follow-ups with household labels for the tap-through list', () => {
    expect(d.followUps.map((f) => [f.householdId, f.label, f.overdue])).toEqual([[id('c'), 'Hộ 3', true], [id('a'), 'Hộ 1', false]]);
  });
  it('gives a trend per hamlet that matches the single-scope trend', () => {
    const months = lastMonths(NOW, 3);
    expect(d.trend[H1]).toEqual(monthlyTrend(fixture, months, H1));
    expect(d.trend['']!.map((p) => [p.month, p.visitedHouseholds, p.visits])).toEqual([['2025-12', 1, 1], ['2026-01', 3, 3], ['2026-02', 1, 1]]);
    // The empty hamlet H3 has its own series, all zero (the screen must not fall back to the commune's).
    expect(d.trend[H3]!.map((p) => [p.month, p.visitedHouseholds, p.visits, p.itemsDone])).toEqual([['2025-12', 0, 0, 0], ['2026-01', 0, 0, 0], ['2026-02', 0, 0, 0]]);
  });
});
