/**
 * Each household's effective visits, timed and in order, computed once per dashboard: the period figures
 * (communeCounts) and the trend (monthlyTrends) both read them, so the 50,000 visits of a commune are grouped,
 * parsed and sorted once instead of twice. Pure data; safe to pass to both in the same call.
 */
import type { ReportInput, VisitRow } from './counts';
import { effectiveInPlace, visitMs, type TimedVisit } from './effective';

/** householdId → its effective visits by time, then id (amendments applied). */
export type PreparedVisits = ReadonlyMap<string, readonly TimedVisit[]>;

export function prepareVisits(input: Pick<ReportInput, 'visits' | 'visitsByHousehold'>): PreparedVisits {
  const out = new Map<string, TimedVisit[]>();
  if (input.visitsByHousehold) {
    for (const [householdId, visits] of input.visitsByHousehold) {
      const timed: TimedVisit[] = [];
      for (const v of visits) timed.push({ v, ms: visitMs(v), id: v.id });
      out.set(householdId, timed);
    }
  } else {
    for (const v of input.visits as readonly VisitRow[]) {
      const t: TimedVisit = { v, ms: visitMs(v), id: v.id };
      const list = out.get(v.householdId);
      if (list) list.push(t);
      else out.set(v.householdId, [t]);
    }
  }
  for (const [householdId, timed] of out) {
    const effective = effectiveInPlace(timed);
    if (effective !== timed) out.set(householdId, effective);
  }
  return out;
}
