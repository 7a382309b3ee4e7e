/**
 * Month-by-month trend for the chart: households visited, visits and items done per month, one pass over visits.
 * Same rules as the period figures (effective visits, Vietnam-time months), so a month's bar equals that month's report.
 */
import { catalogueItem } from '../catalogue';
import type { ReportPeriod } from '../schema';
import { effectiveVisits } from '../state';
import type { HouseholdRow, VisitRow } from './counts';
import { vnDate } from './period';

export interface TrendPoint { month: string; label: string; visitedHouseholds: number; visits: number; itemsDone: number }

export function monthlyTrend(
  input: { households: readonly HouseholdRow[]; visits: readonly VisitRow[] }, months: readonly ReportPeriod[], hamletId: string | null,
): TrendPoint[] {
  const points = months.map((m) => ({ month: m.from.slice(0, 7), label: `${m.from.slice(5, 7)}/${m.from.slice(0, 4)}`, visitedHouseholds: 0, visits: 0, itemsDone: 0 }));
  const index = new Map(points.map((p, i) => [p.month, i]));
  const households = new Set(input.households.filter((h) => hamletId === null || h.hamletId === hamletId).map((h) => h.id));
  const byHousehold = new Map<string, VisitRow[]>();
  for (const v of input.visits) {
    if (!households.has(v.householdId)) continue;
    const list = byHousehold.get(v.householdId);
    if (list) list.push(v);
    else byHousehold.set(v.householdId, [v]);
  }
  for (const visits of byHousehold.values()) {
    const seen = new Set<number>();
    for (const v of effectiveVisits(visits)) {
      const ms = Date.parse(v.at);
      if (Number.isNaN(ms)) continue;
      const i = index.get(vnDate(ms).slice(0, 7));
      if (i === undefined) continue;
      const p = points[i]!;
      p.visits++;
      if (!seen.has(i)) { seen.add(i); p.visitedHouseholds++; }
      p.itemsDone += v.outcomes.filter((o) => o.outcome === 'done' && catalogueItem(o.item)).length;
    }
  }
  return points;
}
