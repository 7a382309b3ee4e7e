/**
 * Month-by-month trend for the chart: households visited, visits and items done per month, for every hamlet and the
 * commune in one pass over the visits. Same rules as the period figures (effective visits, Vietnam-time months), so
 * a month's point equals that month's report.
 */
import { catalogueItem } from '../catalogue';
import type { ReportPeriod } from '../schema';
import type { HouseholdRow, VisitRow } from './counts';
import { effectiveTimed } from './effective';
import { periodBounds } from './period';

export interface TrendPoint { month: string; label: string; visitedHouseholds: number; visits: number; itemsDone: number }

const emptyPoints = (months: readonly ReportPeriod[]): TrendPoint[] =>
  months.map((m) => ({ month: m.from.slice(0, 7), label: `${m.from.slice(5, 7)}/${m.from.slice(0, 4)}`, visitedHouseholds: 0, visits: 0, itemsDone: 0 }));

/** Trend per scope: key '' = the commune, else the hamlet id. Months must be consecutive, oldest first. */
export function monthlyTrends(
  input: { households: readonly HouseholdRow[]; visits: readonly VisitRow[] }, months: readonly ReportPeriod[],
): Record<string, TrendPoint[]> {
  const bounds = months.map((m) => periodBounds(m));
  const out: Record<string, TrendPoint[]> = { '': emptyPoints(months) };
  const hamletOf = new Map<string, string>();
  for (const h of input.households) {
    hamletOf.set(h.id, h.hamletId);
    out[h.hamletId] ??= emptyPoints(months);
  }
  const byHousehold = new Map<string, VisitRow[]>();
  for (const v of input.visits) {
    if (!hamletOf.has(v.householdId)) continue;
    const list = byHousehold.get(v.householdId);
    if (list) list.push(v);
    else byHousehold.set(v.householdId, [v]);
  }
  const first = bounds[0]?.startMs ?? Infinity, last = bounds[bounds.length - 1]?.endMs ?? -Infinity;
  for (const [householdId, visits] of byHousehold) {
    const scopes = [out['']!, out[hamletOf.get(householdId)!]!];
    let seen = -1;
    for (const { v, ms } of effectiveTimed(visits)) {
      if (!(ms >= first && ms < last)) continue;
      let i = 0;
      while (i < bounds.length - 1 && ms >= bounds[i]!.endMs) i++;
      const done = v.outcomes.reduce((n, o) => n + (o.outcome === 'done' && catalogueItem(o.item) ? 1 : 0), 0);
      // Visits are in time order, so a household's months come in order: count it once per month.
      const firstInMonth = i !== seen;
      seen = i;
      for (const points of scopes) {
        const p = points[i]!;
        p.visits++;
        p.itemsDone += done;
        if (firstInMonth) p.visitedHouseholds++;
      }
    }
  }
  return out;
}

/** Trend of one hamlet, or of the commune (null). */
export function monthlyTrend(
  input: { households: readonly HouseholdRow[]; visits: readonly VisitRow[] }, months: readonly ReportPeriod[], hamletId: string | null,
): TrendPoint[] {
  return monthlyTrends(input, months)[hamletId ?? ''] ?? emptyPoints(months);
}
