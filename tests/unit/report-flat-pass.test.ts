/**
 * The flat pass over every household (D-R6) keeps per-hamlet counters by row: rows of one hamlet need not be
 * contiguous, a hamlet with no household still gets its row, and the trend's household map is made only on demand.
 */
import { describe, expect, it } from 'vitest';
import { createPrng, DEMO_NOW_MS } from '../../src/shared/demo';
import { communeCountsWithTrend, lastMonths, monthlyTrends, TrendPass } from '../../src/shared/report';
import { referenceCounts, referenceTrend } from './report-reference';
import { awkwardCommune } from './report-awkward';

describe('flat household pass', () => {
  it('gives the reference figures when hamlets are interleaved and one hamlet has no household', () => {
    const { d, input } = awkwardCommune(5);
    const rnd = createPrng(99);
    const households = [...input.households];
    for (let i = households.length - 1; i > 0; i--) { const j = Math.floor(rnd() * (i + 1)); [households[i], households[j]] = [households[j]!, households[i]!]; }
    const shuffled = { ...input, households };
    const hamletIds = [...d.hamlets.map((h) => h.id), 'empty-hamlet'];
    const req = { period: { from: '2026-09-15', to: '2026-12-31' }, now: DEMO_NOW_MS, hamletIds };
    const months = lastMonths(DEMO_NOW_MS, 6);
    const { counts, trend } = communeCountsWithTrend(shuffled, req, months);
    expect(counts).toEqual(referenceCounts(shuffled, req));
    expect(counts.hamlets.find((s) => s.hamletId === 'empty-hamlet')!.households.total).toBe(0);
    expect(new Set(households.slice(0, 40).map((h) => h.hamletId)).size).toBeGreaterThan(3); // really interleaved
    for (const key of Object.keys(trend)) expect(trend[key], key).toEqual(referenceTrend(shuffled, months, key || null));
    // The hamlet with no household has its own series, all zero (its screen must not show the commune's).
    expect(trend['empty-hamlet']!.map((p) => p.visits + p.visitedHouseholds + p.itemsDone)).toEqual(months.map(() => 0));
    const { 'empty-hamlet': _empty, ...withHouseholds } = trend;
    expect(monthlyTrends(shuffled, months)).toEqual(withHouseholds);
  });

  it('maps households to hamlets on demand, the last row winning', () => {
    const pass = new TrendPass([{ id: 'a', hamletId: 'h1', priority: null }, { id: 'b', hamletId: 'h1', priority: null }, { id: 'a', hamletId: 'h2', priority: null }] as never, lastMonths(DEMO_NOW_MS, 2));
    expect([...pass.hamletOf]).toEqual([['a', 'h2'], ['b', 'h1']]);
    expect(Object.keys(pass.out)).toEqual(['', 'h1', 'h2']);
  });
});
