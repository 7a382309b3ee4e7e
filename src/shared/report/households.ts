/**
 * Household, people and checklist-item figures: one pass over each household's effective visits (amendments
 * replace the visit they amend, at its time — see state.ts). The latest outcome per (item, person) wins, as in
 * householdState; person-scope cells count only for people still registered in the household.
 */
import { catalogueItem, type Outcome } from '../catalogue';
import { PRIORITY_KEYS } from '../schema';
import { cellKey } from '../state';
import { effectiveTimed } from './effective';
import type { HouseholdRow, PersonRow, ScopeCounts, VisitRow } from './counts';

export const PAYMENT_ITEMS = ['bank_account', 'mobile_banking', 'e_wallet'] as const;
export const HEALTH_ITEM = 'health_book';
/** "Has it" for targets: already had it, or done with our help. Shown how (guided) is not yet having it. */
export const HAS_IT: readonly Outcome[] = ['had', 'done'];
export const AGE_PAYMENT_MIN = 15;
export const AGE_ADULT_MIN = 18;

export interface HouseholdWindow {
  startMs: number;
  endMs: number;
  /** Year of the period's last day: ages are counted in that year. */
  refYear: number;
  nowMs: number;
  today: string;
  dueBy: string;
  staleSinceMs: number;
}

export interface FollowUp { householdId: string; hamletId: string; on: string; overdue: boolean }

export const isPriority = (h: HouseholdRow): boolean => PRIORITY_KEYS.some((k) => h.priority?.[k] === true);

/** One (item, person) cell: its latest outcome as of now, at the end of the period, and within the period. */
interface Cell { item: string; personId: string | null; now?: Outcome; state?: Outcome; inPeriod?: Outcome; doneDetails?: Set<string> }

/** Adds one household's figures to every given scope (its hamlet and the commune). Returns its open follow-up. */
export function addHousehold(
  scopes: ScopeCounts[], h: HouseholdRow, persons: readonly PersonRow[], visits: readonly VisitRow[], w: HouseholdWindow,
  volunteers: readonly Set<string>[],
): FollowUp | null {
  const personIds = new Set(persons.map((p) => p.id));
  const cells = new Map<string, Cell>();
  let inPeriod = 0, ever = false, lastMs = -Infinity, followUpOn: string | null = null;
  for (const { v, ms } of effectiveTimed(visits)) {
    if (!(ms < w.nowMs || ms < w.endMs)) continue;
    if (ms < w.nowMs) {
      lastMs = Math.max(lastMs, ms);
      if (v.followUpOn) followUpOn = v.followUpOn;
    }
    const before = ms < w.endMs, within = before && ms >= w.startMs;
    if (before) ever = true;
    if (within) { inPeriod++; for (const s of volunteers) s.add(v.memberId); }
    for (const o of v.outcomes) {
      const item = catalogueItem(o.item);
      if (!item) continue;
      const person = item.scope === 'person';
      if (person && (o.personId === null || !personIds.has(o.personId))) continue;
      const key = cellKey(o.item, person ? o.personId : null);
      let cell = cells.get(key);
      if (!cell) cells.set(key, (cell = { item: o.item, personId: person ? o.personId : null }));
      if (ms < w.nowMs) cell.now = o.outcome;
      if (!before) continue;
      cell.state = o.outcome;
      if (within) {
        cell.inPeriod = o.outcome;
        if (o.outcome === 'done') for (const d of o.details) (cell.doneDetails ??= new Set()).add(d);
      }
    }
  }
  // People who "have" a payment account / health book at the end of the period (for the national targets).
  const paying = new Set<string>(), health = new Set<string>();
  for (const c of cells.values()) {
    if (c.personId === null || c.state === undefined || !HAS_IT.includes(c.state)) continue;
    if ((PAYMENT_ITEMS as readonly string[]).includes(c.item)) paying.add(c.personId);
    else if (c.item === HEALTH_ITEM) health.add(c.personId);
  }
  let needsHelp = false;
  for (const c of cells.values()) if (c.now === 'needs_help') { needsHelp = true; break; }
  const priority = isPriority(h);
  const open = needsHelp && followUpOn !== null;
  const followUp: FollowUp | null = open ? { householdId: h.id, hamletId: h.hamletId, on: followUpOn!, overdue: followUpOn! < w.today } : null;
  for (const s of scopes) {
    const hh = s.households;
    hh.total++;
    if (inPeriod > 0) hh.visitedInPeriod++;
    if (ever) hh.visitedEver++;
    if (priority) { hh.priorityTotal++; if (inPeriod > 0) hh.priorityReachedInPeriod++; if (ever) hh.priorityReachedEver++; }
    if (lastMs < w.staleSinceMs) hh.notVisitedRecently++;
    s.visits.inPeriod += inPeriod;
    if (followUp?.overdue) s.followUps.overdue++;
    else if (followUp && followUp.on <= w.dueBy) s.followUps.due++;
    for (const p of persons) {
      s.people.total++;
      const age = p.birthYear === null ? null : w.refYear - p.birthYear;
      if (age !== null && age >= AGE_PAYMENT_MIN) {
        s.people.aged15Plus++;
        if (paying.has(p.id)) s.people.aged15PlusWithPayment++;
      }
      if (age !== null && age >= AGE_ADULT_MIN) {
        s.people.adults++;
        if (p.hasSmartphone) s.people.adultsWithSmartphone++;
      }
      if (health.has(p.id)) s.people.withHealthBook++;
    }
    for (const c of cells.values()) {
      const counts = s.items[c.item]!;
      if (c.state) counts.state[c.state]++;
      if (c.inPeriod) counts.inPeriod[c.inPeriod]++;
      for (const d of c.doneDetails ?? []) counts.doneByDetail[d] = (counts.doneByDetail[d] ?? 0) + 1;
    }
  }
  return followUp;
}
