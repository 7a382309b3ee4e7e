/**
 * Counts for a commune report: one scope per hamlet plus the commune total, in one pass over the data so that a
 * commune with 50,000 visits is computed in the worker without blocking anyone. Pure: pass `now`.
 */
import type { ReportPeriod } from '../schema';
import { emptyScope, FOLLOW_UP_DUE_DAYS, STALE_DAYS_DEFAULT, type ReportInput, type ScopeCounts, type VisitRow, type PersonRow } from './counts';
import { addHousehold, type FollowUp } from './households';
import { addDays, periodBounds, vnDate } from './period';
import { addEvent, addMember, inCommuneTeam } from './team';
import { groupBy } from '../group';

export interface ReportOptions {
  period: Pick<ReportPeriod, 'from' | 'to'>;
  now: number;
  /** Hamlets in display order; empty hamlets still get a row. Hamlets found only in the data are appended. */
  hamletIds?: readonly string[];
  staleDays?: number;
}

export interface CommuneCounts {
  hamlets: ScopeCounts[];
  commune: ScopeCounts;
  /** Open follow-ups as of `now`, earliest first (tap-through list). */
  followUps: FollowUp[];
}

const DAY_MS = 24 * 60 * 60 * 1000;


export function communeCounts(input: ReportInput, opts: ReportOptions): CommuneCounts {
  const { from, to } = opts.period;
  const { startMs, endMs } = periodBounds(opts.period);
  const today = vnDate(opts.now);
  const w = {
    startMs, endMs, refYear: Number(to.slice(0, 4)), nowMs: opts.now, today, dueBy: addDays(today, FOLLOW_UP_DUE_DAYS),
    staleSinceMs: opts.now - (opts.staleDays ?? STALE_DAYS_DEFAULT) * DAY_MS,
  };
  const commune = emptyScope(null);
  const byHamlet = new Map<string, ScopeCounts>();
  const scope = (id: string) => {
    let s = byHamlet.get(id);
    if (!s) byHamlet.set(id, (s = emptyScope(id)));
    return s;
  };
  for (const id of opts.hamletIds ?? []) scope(id);

  const personsOf = groupBy<PersonRow>(input.persons, (p) => p.householdId);
  const visitsOf = groupBy<VisitRow>(input.visits, (v) => v.householdId);
  const volunteers = new Map<string, Set<string>>();
  const allVolunteers = new Set<string>();
  const followUps: FollowUp[] = [];
  for (const h of input.households) {
    let hv = volunteers.get(h.hamletId);
    if (!hv) volunteers.set(h.hamletId, (hv = new Set()));
    const f = addHousehold([scope(h.hamletId), commune], h, personsOf.get(h.id) ?? [], visitsOf.get(h.id) ?? [], w, [hv, allVolunteers]);
    if (f) followUps.push(f);
  }
  for (const [id, set] of volunteers) scope(id).visits.activeVolunteers = set.size;
  commune.visits.activeVolunteers = allVolunteers.size;

  for (const e of input.events) {
    addEvent(commune, e, from, to);
    for (const id of new Set(e.hamletIds)) addEvent(scope(id), e, from, to);
  }
  for (const m of input.members) {
    if (inCommuneTeam(m)) addMember(commune, m, from, to);
    else for (const id of new Set(m.hamletIds)) addMember(scope(id), m, from, to);
  }
  followUps.sort((a, b) => (a.on < b.on ? -1 : a.on > b.on ? 1 : a.householdId < b.householdId ? -1 : 1));
  return { hamlets: [...byHamlet.values()], commune, followUps };
}
