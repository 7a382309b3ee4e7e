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

/** A visit's time in epoch ms: the caller's pre-parsed `ms` if it has one (a digest), else `at` parsed. */
export const visitMs = (v: VisitRow): number => (typeof v.ms === 'number' ? v.ms : Date.parse(v.at));

const later = (a: TimedVisit, b: TimedVisit) => a.ms > b.ms || (a.ms === b.ms && a.id > b.id);
/**
 * A total order even with malformed times: those (NaN) go last, so they cannot break the order of the others
 * (`a.ms - b.ms` would be NaN and leave the sort's result depending on the input order).
 */
function byTimeThenId(a: TimedVisit, b: TimedVisit): number {
  const x = a.ms === a.ms ? a.ms : Infinity, y = b.ms === b.ms ? b.ms : Infinity;
  return x < y ? -1 : x > y ? 1 : a.id < b.id ? -1 : a.id > b.id ? 1 : 0;
}

export function effectiveTimed(visits: readonly VisitRow[]): TimedVisit[] {
  const timed: TimedVisit[] = [];
  for (const v of visits) timed.push({ v, ms: visitMs(v), id: v.id });
  return effectiveInPlace(timed);
}

/** effectiveTimed over visits already timed; reorders (and may reuse) the given array. */
export function effectiveInPlace(timed: TimedVisit[]): TimedVisit[] {
  let amendments: Map<string, TimedVisit> | undefined;
  let first = -1;
  for (let i = 0; i < timed.length; i++) {
    const t = timed[i]!;
    if (!t.v.amends) continue;
    if (!amendments) { amendments = new Map(); first = i; }
    if (Number.isNaN(t.ms)) continue; // an amendment with a malformed time changes nothing
    const prev = amendments.get(t.v.amends);
    if (!prev || later(t, prev)) amendments.set(t.v.amends, t);
  }
  let out = timed;
  if (amendments) {
    // Originals only, in input order; without amendments the array is sorted as it is (no copy).
    out = timed.slice(0, first);
    for (let i = first; i < timed.length; i++) if (!timed[i]!.v.amends) out.push(timed[i]!);
    for (let i = 0; i < out.length; i++) {
      const a = amendments.get(out[i]!.id);
      if (a) out[i] = { v: a.v, ms: out[i]!.ms, id: out[i]!.id };
    }
  }
  if (out.length > 1) out.sort(byTimeThenId);
  return out;
}
