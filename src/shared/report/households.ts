/**
 * Household, people and checklist-item figures: one pass over each household's effective visits (amendments
 * replace the visit they amend, at its time — see state.ts). The latest outcome per (item, person) wins, as in
 * householdState; person-scope cells count only for people still registered in the household.
 * Hot path of the dashboard (50,000 visits in the worker): cells are slots in reused typed arrays indexed by
 * (person slot, item index) instead of string-keyed Maps, and nothing is allocated per visit.
 */
import { catalogueItem, ITEM_KEYS, OUTCOMES, type Outcome } from '../catalogue';
import { PRIORITY_KEYS } from '../schema';
import type { HouseholdRow, PersonRow, ScopeCounts } from './counts';
import type { TimedVisit } from './effective';
import { ITEM_COUNT, OUTCOME_COUNT, type HamletTally } from './tally';
import type { TrendPass, TrendPoint } from './trend';

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

interface ItemInfo { index: number; person: boolean; payment: boolean; health: boolean }
const ITEMS = new Map<string, ItemInfo>(ITEM_KEYS.map((key, index) => [key, {
  index, person: catalogueItem(key)?.scope === 'person', payment: (PAYMENT_ITEMS as readonly string[]).includes(key), health: key === HEALTH_ITEM,
}]));
const IS_PAYMENT = ITEM_KEYS.map((k) => ITEMS.get(k)!.payment), IS_HEALTH = ITEM_KEYS.map((k) => ITEMS.get(k)!.health);
const OUTCOME_INDEX = new Map<string, number>(OUTCOMES.map((o, i) => [o, i]));
/** An outcome this version does not know (bad input): it replaces the cell's outcome but is counted nowhere. */
const UNKNOWN = OUTCOME_COUNT;
const NONE = -1;
const NEEDS_HELP = OUTCOME_INDEX.get('needs_help')!, DONE = OUTCOME_INDEX.get('done')!;
const HAS_IT_AT = OUTCOMES.map((o) => HAS_IT.includes(o)).concat(false);

const bump = (a: Int32Array, k: number) => { a[k] = a[k]! + 1; };

/** Slot of a registered person (1-based; 0 = not in the household). Households are small: a scan beats a Map. */
function slotOf(persons: readonly PersonRow[], id: string | null | undefined): number {
  for (let j = 0; j < persons.length; j++) if (persons[j]!.id === id) return j + 1;
  return 0;
}

/** Adds households one at a time to their hamlet's tally; its scratch cells are reused from one household to the next. */
export class HouseholdPass {
  /** Per cell (slot × ITEM_COUNT + item): latest outcome index as of now, at the end of the period, within it. */
  private now = new Int8Array(0); private state = new Int8Array(0); private inPeriod = new Int8Array(0);
  private made = new Uint8Array(0);
  /** Cells in the order they were first seen (so detail keys appear in the same order as before). */
  private touched: number[] = [];
  private details: (Set<string> | undefined)[] = [];
  private paying = new Uint8Array(0); private health = new Uint8Array(0);

  constructor(private readonly w: HouseholdWindow) {}

  private room(persons: number): void {
    const need = (persons + 1) * ITEM_COUNT;
    if (this.made.length >= need) return;
    const size = Math.max(need, 16 * ITEM_COUNT);
    this.now = new Int8Array(size); this.state = new Int8Array(size); this.inPeriod = new Int8Array(size); this.made = new Uint8Array(size);
    this.paying = new Uint8Array(persons + 1 + 16); this.health = new Uint8Array(persons + 1 + 16);
  }

  /**
   * Adds one household to its hamlet (the commune row is summed later; only detail counts go to it directly).
   * With `trend`, the same loop also adds the household's visits to the trend (TrendPass), so outcomes are read once.
   */
  add(
    t: HamletTally, commune: ScopeCounts, h: HouseholdRow, persons: readonly PersonRow[], visits: readonly TimedVisit[],
    trend: { pass: TrendPass; points: TrendPoint[] } | null = null,
  ): FollowUp | null {
    const w = this.w;
    this.room(persons.length);
    const { now, state, inPeriod: inPer, made, touched, details } = this;
    let inPeriod = 0, ever = false, lastMs = -Infinity, followUpOn: string | null = null;
    trend?.pass.startHousehold();
    for (let k = 0; k < visits.length; k++) {
      const ms = visits[k]!.ms;
      const beforeNow = ms < w.nowMs, before = ms < w.endMs;
      const counts = beforeNow || before; // false also for NaN (a malformed time)
      const inTrend = trend !== null && trend.pass.inRange(ms);
      if (!counts && !inTrend) continue;
      const v = visits[k]!.v;
      const within = before && ms >= w.startMs;
      if (counts) {
        if (beforeNow) {
          if (ms > lastMs) lastMs = ms;
          if (v.followUpOn) followUpOn = v.followUpOn;
        }
        if (before) ever = true;
        if (within) { inPeriod++; t.volunteers.add(v.memberId); }
      }
      let done = 0;
      for (const o of v.outcomes) {
        const item = ITEMS.get(o.item);
        if (!item) continue;
        const oi = OUTCOME_INDEX.get(o.outcome) ?? UNKNOWN;
        if (oi === DONE) done++;
        if (!counts) continue;
        let slot = 0;
        if (item.person) {
          if (o.personId === null) continue;
          slot = slotOf(persons, o.personId);
          if (slot === 0) continue;
        }
        const c = slot * ITEM_COUNT + item.index;
        if (made[c] === 0) { made[c] = 1; touched.push(c); now[c] = NONE; state[c] = NONE; inPer[c] = NONE; }
        if (beforeNow) now[c] = oi;
        if (!before) continue;
        state[c] = oi;
        if (within) {
          inPer[c] = oi;
          if (oi === DONE) for (const d of o.details) (details[c] ??= new Set()).add(d);
        }
      }
      if (inTrend) trend.pass.add(trend.points, ms, done);
    }
    // People who "have" a payment account / health book at the end of the period (for the national targets).
    const { paying, health } = this;
    let needsHelp = false;
    for (const c of touched) {
      if (now[c] === NEEDS_HELP) needsHelp = true;
      const slot = (c / ITEM_COUNT) | 0;
      if (slot === 0 || state[c] === NONE || !HAS_IT_AT[state[c]!]) continue;
      const item = c - slot * ITEM_COUNT;
      if (IS_PAYMENT[item]) paying[slot] = 1;
      else if (IS_HEALTH[item]) health[slot] = 1;
    }
    const open = needsHelp && followUpOn !== null;
    const followUp: FollowUp | null = open ? { householdId: h.id, hamletId: h.hamletId, on: followUpOn!, overdue: followUpOn! < w.today } : null;

    const s = t.scope, hh = s.households, people = s.people;
    hh.total++;
    if (inPeriod > 0) hh.visitedInPeriod++;
    if (ever) hh.visitedEver++;
    if (isPriority(h)) { hh.priorityTotal++; if (inPeriod > 0) hh.priorityReachedInPeriod++; if (ever) hh.priorityReachedEver++; }
    if (lastMs < w.staleSinceMs) hh.notVisitedRecently++;
    s.visits.inPeriod += inPeriod;
    if (followUp?.overdue) s.followUps.overdue++;
    else if (followUp && followUp.on <= w.dueBy) s.followUps.due++;
    for (let j = 0; j < persons.length; j++) {
      const p = persons[j]!;
      // A duplicated person id shares the first one's cells, as a Set of ids would.
      const slot = slotOf(persons, p.id);
      people.total++;
      const age = p.birthYear === null ? null : w.refYear - p.birthYear;
      if (age !== null && age >= AGE_PAYMENT_MIN) { people.aged15Plus++; if (paying[slot]) people.aged15PlusWithPayment++; }
      if (age !== null && age >= AGE_ADULT_MIN) { people.adults++; if (p.hasSmartphone) people.adultsWithSmartphone++; }
      if (health[slot]) people.withHealthBook++;
    }
    for (const c of touched) {
      const item = c % ITEM_COUNT;
      const st = state[c]!, ip = inPer[c]!;
      if (st >= 0 && st < OUTCOME_COUNT) bump(t.state, item * OUTCOME_COUNT + st);
      if (ip >= 0 && ip < OUTCOME_COUNT) bump(t.inPeriod, item * OUTCOME_COUNT + ip);
      const ds = details[c];
      if (ds) {
        for (const scope of [s, commune]) {
          const byDetail = scope.items[ITEM_KEYS[item]!]!.doneByDetail;
          for (const d of ds) byDetail[d] = (byDetail[d] ?? 0) + 1;
        }
        details[c] = undefined;
      }
      made[c] = 0;
    }
    touched.length = 0;
    paying.fill(0, 0, persons.length + 1); health.fill(0, 0, persons.length + 1);
    return followUp;
  }
}
