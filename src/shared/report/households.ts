/**
 * Household, people and checklist-item figures: one pass over each household's effective visits (amendments
 * replace the visit they amend, at its time — see state.ts). The latest outcome per (item, person) wins, as in
 * householdState; person-scope cells count only for people still registered in the household.
 * Hot path of the dashboard (50,000 visits in the worker): cells are slots in reused typed arrays indexed by
 * (person slot, item index) instead of string-keyed Maps, and nothing is allocated per visit.
 */
import { catalogueItem, ITEM_KEYS, OUTCOMES, type Outcome } from '../catalogue';
import { PRIORITY_KEYS } from '../schema';
import type { HouseholdRow, ScopeCounts } from './counts';
import type { PreparedVisits } from './prepared';
import { ITEM_COUNT, OUTCOME_COUNT, type HamletTally } from './tally';
import type { TrendPass, TrendPoint } from './trend';
import { BEFORE_END, BEFORE_NOW, RECENT, visitFlags, WITHIN } from './visit-flags';

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

const IS_PERSON = ITEM_KEYS.map((k) => catalogueItem(k)?.scope === 'person');
const IS_PAYMENT = ITEM_KEYS.map((k) => (PAYMENT_ITEMS as readonly string[]).includes(k)), IS_HEALTH = ITEM_KEYS.map((k) => k === HEALTH_ITEM);
const NONE = -1;
const NEEDS_HELP = OUTCOMES.indexOf('needs_help'), DONE = OUTCOMES.indexOf('done');
const HAS_IT_AT = OUTCOMES.map((o) => HAS_IT.includes(o)).concat(false);

const bump = (a: Int32Array, k: number) => { a[k] = a[k]! + 1; };

/** Adds households one at a time to their hamlet's tally; its scratch cells are reused from one household to the next. */
export class HouseholdPass {
  /** Per cell (slot × ITEM_COUNT + item): latest outcome index as of now, at the end of the period, within it. */
  private now = new Int8Array(0); private state = new Int8Array(0); private inPeriod = new Int8Array(0);
  private made = new Uint8Array(0);
  /** Cells in the order they were first seen (so detail keys appear in the same order as before). */
  private touched: number[] = [];
  private details: (Set<number> | undefined)[] = [];
  private paying = new Uint8Array(0); private health = new Uint8Array(0);

  /** Per position of x.orig: where the visit falls (visit-flags.ts) and its trend month (-1: none), worked out once. */
  private readonly flags: Uint8Array;
  private readonly months: Int16Array | null;

  constructor(private readonly w: HouseholdWindow, private readonly x: PreparedVisits, trend: TrendPass | null = null) {
    this.flags = visitFlags(x, w);
    this.months = trend && trend.monthsOf(x);
  }

  private room(persons: number): void {
    const need = (persons + 1) * ITEM_COUNT;
    if (this.made.length >= need) return;
    const size = Math.max(need, 16 * ITEM_COUNT), slots = size / ITEM_COUNT;
    this.now = new Int8Array(size); this.state = new Int8Array(size); this.inPeriod = new Int8Array(size); this.made = new Uint8Array(size);
    this.paying = new Uint8Array(slots); this.health = new Uint8Array(slots);
  }

  /**
   * Adds household row `h` (code `code` in the prepared input) to its hamlet; the commune row is summed later, only
   * detail counts go to it directly. With `trend`, the same loop adds its visits to the trend (outcomes read once).
   */
  add(
    t: HamletTally, commune: ScopeCounts, h: HouseholdRow, code: number, trend: { pass: TrendPass; points: TrendPoint[] } | null = null,
  ): FollowUp | null {
    const w = this.w, x = this.x, flags = this.flags, months = trend ? this.months : null;
    const pStart = x.personStart[code]!, persons = x.personEnd[code]! - pStart;
    this.room(persons);
    const { now, state, inPeriod: inPer, made, touched, details } = this;
    // Locals, not x.field per outcome: a fresh worker runs this loop in the interpreter at first (cold JIT).
    const { content, followUp: followUpAt, member, outStart, item: items, outcome: outcomes, person, detailStart, detail } = x;
    let inPeriod = 0, ever = false, recent = false, followUpCode = -1;
    trend?.pass.startHousehold();
    for (let k = x.start[code]!, end = x.end[code]!; k < end; k++) {
      const f = flags[k]!, month = months ? months[k]! : -1;
      const beforeNow = (f & BEFORE_NOW) !== 0, before = (f & BEFORE_END) !== 0;
      const counts = f !== 0; // false also for a malformed time
      const inTrend = month >= 0;
      if (!counts && !inTrend) continue;
      const r = content[k]!;
      const within = (f & WITHIN) !== 0;
      if (counts) {
        if (beforeNow) {
          if (f & RECENT) recent = true;
          if (followUpAt[r]! >= 0) followUpCode = followUpAt[r]!;
        }
        if (before) ever = true;
        if (within) { inPeriod++; t.volunteers.add(member[r]!); }
      }
      let done = 0;
      for (let q = outStart[r]!, qEnd = outStart[r + 1]!; q < qEnd; q++) {
        const item = items[q]!;
        if (item < 0) continue;
        const oi = outcomes[q]!;
        if (oi === DONE) done++;
        if (!counts) continue;
        let slot = 0;
        if (IS_PERSON[item]) {
          slot = person[q]!; // slot among this household's people; 0: not (or no longer) registered here
          if (slot === 0) continue;
        }
        const c = slot * ITEM_COUNT + item;
        if (made[c] === 0) { made[c] = 1; touched.push(c); now[c] = NONE; state[c] = NONE; inPer[c] = NONE; }
        if (beforeNow) now[c] = oi;
        if (!before) continue;
        state[c] = oi;
        if (within) {
          inPer[c] = oi;
          for (let i = detailStart[q]!; i < detailStart[q + 1]!; i++) (details[c] ??= new Set()).add(detail[i]!);
        }
      }
      if (inTrend) trend!.pass.addMonth(trend!.points, month, done);
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
    const followUpOn = followUpCode < 0 ? null : x.followUpDates[followUpCode]!;
    const followUp: FollowUp | null = needsHelp && followUpOn ? { householdId: h.id, hamletId: h.hamletId, on: followUpOn, overdue: followUpOn < w.today } : null;

    const s = t.scope, hh = s.households, people = s.people;
    hh.total++;
    if (inPeriod > 0) hh.visitedInPeriod++;
    if (ever) hh.visitedEver++;
    if (isPriority(h)) { hh.priorityTotal++; if (inPeriod > 0) hh.priorityReachedInPeriod++; if (ever) hh.priorityReachedEver++; }
    // "Last visit before the stale limit": no recent visit (a stale limit of NaN or -Infinity marks nobody).
    if (!recent && w.staleSinceMs > -Infinity) hh.notVisitedRecently++;
    s.visits.inPeriod += inPeriod;
    if (followUp?.overdue) s.followUps.overdue++;
    else if (followUp && followUp.on <= w.dueBy) s.followUps.due++;
    const { personSlot, birthYear, smartphone } = x, refYear = w.refYear;
    for (let j = pStart; j < pStart + persons; j++) {
      // A repeated person id shares the first one's cells, as a Set of ids would.
      const slot = personSlot[j]!;
      people.total++;
      const age = refYear - birthYear[j]!; // NaN (unknown year) passes no test below
      if (age >= AGE_PAYMENT_MIN) { people.aged15Plus++; if (paying[slot]) people.aged15PlusWithPayment++; }
      if (age >= AGE_ADULT_MIN) { people.adults++; if (smartphone[j]) people.adultsWithSmartphone++; }
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
          for (const d of ds) byDetail[x.detailNames[d]!] = (byDetail[x.detailNames[d]!] ?? 0) + 1;
        }
        details[c] = undefined;
      }
      made[c] = 0;
    }
    touched.length = 0;
    paying.fill(0, 0, persons + 1); health.fill(0, 0, persons + 1);
    return followUp;
  }
}
