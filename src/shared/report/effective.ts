/**
 * Effective visits with their time parsed once — the same rule as state.ts `effectiveVisits` (an amendment replaces
 * the visit it amends, at that visit's time and place in order; the latest amendment by time, then id, wins), but
 * without re-parsing dates inside the sort comparator: a commune has 50,000 visits and the dashboard must stay
 * within 200 ms in the worker. Equality with effectiveVisits is tested in report-effective.test.ts.
 */
import type { VisitRow } from './counts';

export interface TimedVisit {
  /** The visit's content (the latest amendment's, if amended). */
  v: VisitRow;
  /** Time of the original visit, epoch ms (NaN for a malformed time: skipped by every figure). */
  ms: number;
  /** Id of the original visit. */
  id: string;
}

const later = (a: TimedVisit, b: TimedVisit) => a.ms > b.ms || (a.ms === b.ms && a.id > b.id);

export function effectiveTimed(visits: readonly VisitRow[]): TimedVisit[] {
  let amendments: Map<string, TimedVisit> | undefined;
  const out: TimedVisit[] = [];
  for (const v of visits) {
    const t: TimedVisit = { v, ms: Date.parse(v.at), id: v.id };
    if (v.amends) {
      amendments ??= new Map();
      const prev = amendments.get(v.amends);
      if (!prev || later(t, prev)) amendments.set(v.amends, t);
    } else out.push(t);
  }
  if (amendments) {
    for (let i = 0; i < out.length; i++) {
      const a = amendments.get(out[i]!.id);
      if (a) out[i] = { v: a.v, ms: out[i]!.ms, id: out[i]!.id };
    }
  }
  if (out.length > 1) out.sort((a, b) => (a.ms !== b.ms ? a.ms - b.ms : a.id < b.id ? -1 : a.id > b.id ? 1 : 0));
  return out;
}
