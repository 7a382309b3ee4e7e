/**
 * Month-by-month trend for the chart: households visited, visits and items done per month, for every hamlet and the
 * commune in one pass over the visits. Same rules as the period figures (effective visits, Vietnam-time months), so
 * a month's point equals that month's report. The commune's points are the sum of its hamlets' (a household is in
 * one hamlet), so each visit is counted once.
 */
import { catalogueItem } from '../catalogue';
import type { ReportPeriod } from '../schema';
import type { HouseholdRow, ReportInput } from './counts';
import { periodBounds } from './period';
import { prepareVisits, type PreparedVisits } from './prepared';

export interface TrendPoint { month: string; label: string; visitedHouseholds: number; visits: number; itemsDone: number }

const emptyPoints = (months: readonly ReportPeriod[]): TrendPoint[] =>
  months.map((m) => ({ month: m.from.slice(0, 7), label: `${m.from.slice(5, 7)}/${m.from.slice(0, 4)}`, visitedHouseholds: 0, visits: 0, itemsDone: 0 }));

type TrendInput = { households: readonly HouseholdRow[] } & Pick<ReportInput, 'visits' | 'visitsByHousehold'>;

/**
 * Trend per scope: key '' = the commune, else the hamlet id. Months must be consecutive, oldest first.
 * `prepared` (prepareVisits(input)) lets the dashboard share the grouped, sorted visits with communeCounts.
 */
export function monthlyTrends(input: TrendInput, months: readonly ReportPeriod[], prepared?: PreparedVisits): Record<string, TrendPoint[]> {
  const ends = months.map((m) => periodBounds(m).endMs);
  const out: Record<string, TrendPoint[]> = { '': emptyPoints(months) };
  const hamletOf = new Map<string, string>();
  for (const h of input.households) {
    hamletOf.set(h.id, h.hamletId);
    out[h.hamletId] ??= emptyPoints(months);
  }
  const visitsOf = prepared ?? prepareVisits(input);
  const first = months.length > 0 ? periodBounds(months[0]!).startMs : Infinity, last = ends[ends.length - 1] ?? -Infinity;
  const done: number[] = months.map(() => 0), count = done.slice(), visited = done.slice();
  for (const [householdId, hamletId] of hamletOf) {
    const visits = visitsOf.get(householdId);
    if (!visits) continue;
    const points = out[hamletId]!;
    let seen = -1;
    for (let k = 0; k < visits.length; k++) {
      const ms = visits[k]!.ms;
      if (!(ms >= first && ms < last)) continue;
      let i = 0;
      while (i < ends.length - 1 && ms >= ends[i]!) i++;
      let n = 0;
      for (const o of visits[k]!.v.outcomes) if (o.outcome === 'done' && catalogueItem(o.item)) n++;
      const p = points[i]!;
      p.visits++; count[i] = count[i]! + 1;
      p.itemsDone += n; done[i] = done[i]! + n;
      // Visits are in time order, so a household's months come in order: count it once per month.
      if (i !== seen) { p.visitedHouseholds++; visited[i] = visited[i]! + 1; }
      seen = i;
    }
  }
  out['']!.forEach((p, i) => { p.visits = count[i]!; p.itemsDone = done[i]!; p.visitedHouseholds = visited[i]!; });
  return out;
}

/** Trend of one hamlet, or of the commune (null). */
export function monthlyTrend(input: TrendInput, months: readonly ReportPeriod[], hamletId: string | null): TrendPoint[] {
  return monthlyTrends(input, months)[hamletId ?? ''] ?? emptyPoints(months);
}
