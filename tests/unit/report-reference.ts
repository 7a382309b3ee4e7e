/**
 * A straightforward reference for the report figures, written for clarity and not speed: the rules of
 * src/shared/report as they were before the dashboard was optimised (commit 1e21b68), with state.ts effectiveVisits
 * (dates parsed inside the sort), string cell keys, Sets per household and every scope updated separately.
 * report-reference.test.ts checks the optimised code against it on generated communes.
 */
import { catalogueItem, type Outcome } from '../../src/shared/catalogue';
import { cellKey, effectiveVisits } from '../../src/shared/state';
import {
  addTeamFigures, addDays, emptyScope, FOLLOW_UP_DUE_DAYS, isPriority, periodBounds, STALE_DAYS_DEFAULT,
  vnDate, AGE_ADULT_MIN, AGE_PAYMENT_MIN, HAS_IT, HEALTH_ITEM, PAYMENT_ITEMS,
  type CommuneCounts, type FollowUp, type ReportInput, type ReportOptions, type ScopeCounts, type TrendPoint, type VisitRow,
} from '../../src/shared/report';
import type { ReportPeriod } from '../../src/shared/schema';

const DAY_MS = 86_400_000;
/** A household's visits; a visit or amendment with a malformed time is ignored. */
const visitsOf = (visits: readonly VisitRow[], householdId: string) =>
  visits.filter((v) => v.householdId === householdId && !Number.isNaN(Date.parse(v.at)));

interface Cell { item: string; personId: string | null; now?: Outcome; state?: Outcome; inPeriod?: Outcome; details: Set<string> }

export function referenceCounts(input: ReportInput, opts: ReportOptions): CommuneCounts {
  const { from, to } = opts.period;
  const { startMs, endMs } = periodBounds(opts.period);
  const nowMs = opts.now, today = vnDate(nowMs), dueBy = addDays(today, FOLLOW_UP_DUE_DAYS);
  const staleSinceMs = nowMs - (opts.staleDays ?? STALE_DAYS_DEFAULT) * DAY_MS, refYear = Number(to.slice(0, 4));
  const commune = emptyScope(null);
  const byHamlet = new Map<string, ScopeCounts>();
  const scope = (id: string) => byHamlet.get(id) ?? byHamlet.set(id, emptyScope(id)).get(id)!;
  for (const id of opts.hamletIds ?? []) scope(id);
  const volunteers = new Map<string | null, Set<string>>([[null, new Set()]]);
  const followUps: FollowUp[] = [];
  for (const h of input.households) {
    const scopes = [scope(h.hamletId), commune];
    const persons = input.persons.filter((p) => p.householdId === h.id);
    const cells = new Map<string, Cell>();
    let inPeriod = 0, ever = false, lastMs = -Infinity, followUpOn: string | null = null;
    for (const v of effectiveVisits(visitsOf(input.visits, h.id))) {
      const ms = Date.parse(v.at);
      if (Number.isNaN(ms) || (ms >= nowMs && ms >= endMs)) continue;
      if (ms < nowMs) { lastMs = Math.max(lastMs, ms); if (v.followUpOn) followUpOn = v.followUpOn; }
      const before = ms < endMs, within = before && ms >= startMs;
      if (before) ever = true;
      if (within) {
        inPeriod++;
        for (const k of [h.hamletId, null]) (volunteers.get(k) ?? volunteers.set(k, new Set()).get(k)!).add(v.memberId);
      }
      for (const o of v.outcomes) {
        const item = catalogueItem(o.item);
        if (!item) continue;
        const personId = item.scope === 'person' ? o.personId : null;
        if (item.scope === 'person' && !persons.some((p) => p.id === personId)) continue;
        const key = cellKey(o.item, personId);
        const cell = cells.get(key) ?? cells.set(key, { item: o.item, personId, details: new Set() }).get(key)!;
        if (ms < nowMs) cell.now = o.outcome;
        if (!before) continue;
        cell.state = o.outcome;
        if (within) { cell.inPeriod = o.outcome; if (o.outcome === 'done') o.details.forEach((d) => cell.details.add(d)); }
      }
    }
    const has = (personId: string, items: readonly string[]) =>
      [...cells.values()].some((c) => c.personId === personId && items.includes(c.item) && c.state !== undefined && HAS_IT.includes(c.state));
    const needsHelp = [...cells.values()].some((c) => c.now === 'needs_help');
    const f = needsHelp && followUpOn !== null ? { householdId: h.id, hamletId: h.hamletId, on: followUpOn, overdue: followUpOn < today } : null;
    if (f) followUps.push(f);
    for (const s of scopes) {
      s.households.total++;
      if (inPeriod > 0) s.households.visitedInPeriod++;
      if (ever) s.households.visitedEver++;
      if (isPriority(h)) {
        s.households.priorityTotal++;
        if (inPeriod > 0) s.households.priorityReachedInPeriod++;
        if (ever) s.households.priorityReachedEver++;
      }
      if (lastMs < staleSinceMs) s.households.notVisitedRecently++;
      s.visits.inPeriod += inPeriod;
      if (f?.overdue) s.followUps.overdue++;
      else if (f && f.on <= dueBy) s.followUps.due++;
      for (const p of persons) {
        const age = p.birthYear === null ? null : refYear - p.birthYear;
        s.people.total++;
        if (age !== null && age >= AGE_PAYMENT_MIN) { s.people.aged15Plus++; if (has(p.id, PAYMENT_ITEMS)) s.people.aged15PlusWithPayment++; }
        if (age !== null && age >= AGE_ADULT_MIN) { s.people.adults++; if (p.hasSmartphone) s.people.adultsWithSmartphone++; }
        if (has(p.id, [HEALTH_ITEM])) s.people.withHealthBook++;
      }
      for (const c of cells.values()) {
        const counts = s.items[c.item]!;
        if (c.state) counts.state[c.state]++;
        if (c.inPeriod) counts.inPeriod[c.inPeriod]++;
        for (const d of c.details) counts.doneByDetail[d] = (counts.doneByDetail[d] ?? 0) + 1;
      }
    }
  }
  for (const [k, set] of volunteers) (k === null ? commune : scope(k)).visits.activeVolunteers = set.size;
  addTeamFigures(commune, scope, input.events, input.members, from, to);
  followUps.sort((a, b) => (a.on < b.on ? -1 : a.on > b.on ? 1 : a.householdId < b.householdId ? -1 : 1));
  return { hamlets: [...byHamlet.values()], commune, followUps };
}

/** Trend of one scope (null = the commune), one month at a time. */
export function referenceTrend(input: Pick<ReportInput, 'households' | 'visits'>, months: readonly ReportPeriod[], hamletId: string | null): TrendPoint[] {
  const hamletOf = new Map(input.households.map((h) => [h.id, h.hamletId]));
  const ids = [...hamletOf].filter(([, hm]) => hamletId === null || hm === hamletId).map(([id]) => id);
  return months.map((m) => {
    const { startMs, endMs } = periodBounds(m);
    const point = { month: m.from.slice(0, 7), label: `${m.from.slice(5, 7)}/${m.from.slice(0, 4)}`, visitedHouseholds: 0, visits: 0, itemsDone: 0 };
    for (const id of ids) {
      const inMonth = effectiveVisits(visitsOf(input.visits, id)).filter((v) => Date.parse(v.at) >= startMs && Date.parse(v.at) < endMs);
      if (inMonth.length > 0) point.visitedHouseholds++;
      point.visits += inMonth.length;
      for (const v of inMonth) point.itemsDone += v.outcomes.filter((o) => o.outcome === 'done' && catalogueItem(o.item)).length;
    }
    return point;
  });
}
