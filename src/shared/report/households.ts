/**
 * Household, people and checklist-item figures: one pass over each household's effective visits (amendments
 * replace the visit they amend, at its time — see state.ts). The latest outcome per (item, person) wins, as in
 * householdState; person-scope cells count only for people still registered in the household.
 * Hot path of the dashboard (50,000 visits in the worker): cells are slots in reused typed arrays indexed by
 * (person slot, item index) instead of string-keyed Maps, and nothing is allocated per visit.
 * One flat loop over every household, not a function called once per household (D-R6): a fresh worker runs the
 * dashboard once, and a function called 5,000 times runs in the interpreter and baseline tiers for most of them,
 * while one long loop is optimised on stack within its first call. Counters are per hamlet index in typed arrays,
 * written into the scopes once at the end.
 */
import { catalogueItem, ITEM_KEYS, OUTCOMES, type Outcome } from '../catalogue';
import { PRIORITY_KEYS } from '../schema';
import type { HouseholdRow, ScopeCounts } from './counts';
import type { PreparedVisits } from './prepared';
import { ITEM_COUNT, OUTCOME_COUNT, type HamletTally } from './tally';
import type { TrendPass } from './trend';
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

/** Per-hamlet counters (index × FIELDS + field), written into the scopes at the end. */
const TOTAL = 0, VISITED = 1, EVER = 2, PRI = 3, PRI_PERIOD = 4, PRI_EVER = 5, STALE = 6, PEOPLE = 7, AGED15 = 8, AGED15_PAY = 9;
const ADULTS = 10, ADULTS_PHONE = 11, HEALTH_BOOK = 12, VISITS = 13, DUE = 14, OVERDUE = 15, FIELDS = 16;
const CELLS = ITEM_COUNT * OUTCOME_COUNT;
const UNSEEN = {};

export interface HouseholdRows {
  rows: readonly HouseholdRow[];
  /** Per row: its household's code in the prepared input. */
  code: Int32Array;
  /** Per row: index of its hamlet's tally. */
  hamlet: Int32Array;
  /** Per row: 1 if its visits count in the trend (the last row of a household listed twice). */
  inTrend: Uint8Array | null;
}

/**
 * Adds every household row to its hamlet's tally (the commune row is summed later, only detail counts go to it
 * directly) and, with `trend`, the visits of rows marked inTrend to the trend. Returns the open follow-ups.
 */
export function addHouseholds(
  w: HouseholdWindow, x: PreparedVisits, hr: HouseholdRows, tallies: readonly HamletTally[], commune: ScopeCounts, trend: TrendPass | null,
): FollowUp[] {
  const { rows, code, hamlet } = hr, H = rows.length, T = tallies.length;
  const flags = visitFlags(x, w), months = trend && hr.inTrend ? trend.monthsOf(x) : null, inTrend = hr.inTrend, M = trend ? trend.monthCount : 0;
  const { orig, content, followUp: followUpAt, member, outStart, item: items, outcome: outcomes, person, detailStart, detail } = x;
  const { start: vStart, end: vEnd, personStart, personEnd, personSlot, birthYear, smartphone, followUpDates: dates } = x;
  let maxPersons = 0, members = 0;
  for (let r = 0; r < H; r++) { const g = code[r]!, n = personEnd[g]! - personStart[g]!; if (n > maxPersons) maxPersons = n; }
  for (let v = 0; v < member.length; v++) if (member[v]! >= members) members = member[v]! + 1;
  // Per cell (slot × ITEM_COUNT + item) of the current household: latest outcome as of now, at the end of the period, within it.
  const size = (maxPersons + 1) * ITEM_COUNT;
  const now = new Int8Array(size), state = new Int8Array(size), inPer = new Int8Array(size), made = new Uint8Array(size);
  /** Cells in the order they were first seen (so detail keys appear in the same order as before). */
  const touched = new Int32Array(size), details: (Set<number> | undefined)[] = [];
  const paying = new Uint8Array(maxPersons + 1), health = new Uint8Array(maxPersons + 1);
  const counts = new Int32Array(T * FIELDS), cellState = new Int32Array(T * CELLS), cellInPeriod = new Int32Array(T * CELLS);
  const volunteer = new Uint8Array(T * members);
  const trendVisits = new Int32Array(T * M), trendDone = new Int32Array(T * M), trendHouseholds = new Int32Array(T * M);
  const overdueAt = new Uint8Array(dates.length), dueAt = new Uint8Array(dates.length);
  for (let i = 0; i < dates.length; i++) { overdueAt[i] = dates[i]! < w.today ? 1 : 0; dueAt[i] = dates[i]! <= w.dueBy ? 1 : 0; }
  const followUps: FollowUp[] = [], refYear = w.refYear, staleMarks = w.staleSinceMs > -Infinity;
  let lastPriority: unknown = UNSEEN, priority = false;

  for (let r = 0; r < H; r++) {
    const g = code[r]!, t = hamlet[r]!, base = t * FIELDS, trendOn = months !== null && inTrend![r] === 1;
    let inPeriod = 0, ever = false, recent = false, followUpCode = -1, nTouched = 0, seen = -1;
    for (let k = vStart[g]!, end = vEnd[g]!; k < end; k++) {
      const f = flags[k]!, month = trendOn ? months[k]! : -1;
      if (f === 0 && month < 0) continue; // f === 0 also for a malformed time
      const v = content[k]!;
      const beforeNow = (f & BEFORE_NOW) !== 0, before = (f & BEFORE_END) !== 0, within = (f & WITHIN) !== 0;
      if (beforeNow) {
        if (f & RECENT) recent = true;
        if (followUpAt[v]! >= 0) followUpCode = followUpAt[v]!;
      }
      if (before) ever = true;
      // The visitor is the original visit's: a correction replaces the outcomes, not who came.
      if (within) { inPeriod++; volunteer[t * members + member[orig[k]!]!] = 1; }
      let done = 0;
      for (let q = outStart[v]!, qEnd = outStart[v + 1]!; q < qEnd; q++) {
        const item = items[q]!;
        if (item < 0) continue;
        const oi = outcomes[q]!;
        if (oi === DONE) done++;
        if (f === 0) continue;
        let slot = 0;
        if (IS_PERSON[item]) {
          slot = person[q]!; // slot among this household's people; 0: not (or no longer) registered here
          if (slot === 0) continue;
        }
        const c = slot * ITEM_COUNT + item;
        if (made[c] === 0) { made[c] = 1; touched[nTouched++] = c; now[c] = NONE; state[c] = NONE; inPer[c] = NONE; }
        if (beforeNow) now[c] = oi;
        if (!before) continue;
        state[c] = oi;
        if (within) {
          inPer[c] = oi;
          for (let i = detailStart[q]!; i < detailStart[q + 1]!; i++) (details[c] ??= new Set()).add(detail[i]!);
        }
      }
      if (month >= 0) {
        // Visits are in time order, so a household's months come in order: count it once per month.
        const tm = t * M + month;
        trendVisits[tm]!++; trendDone[tm]! += done;
        if (month !== seen) trendHouseholds[tm]!++;
        seen = month;
      }
    }
    // People who "have" a payment account / health book at the end of the period (for the national targets).
    let needsHelp = false;
    for (let i = 0; i < nTouched; i++) {
      const c = touched[i]!;
      if (now[c] === NEEDS_HELP) needsHelp = true;
      const slot = (c / ITEM_COUNT) | 0;
      if (slot === 0 || state[c] === NONE || !HAS_IT_AT[state[c]!]) continue;
      const item = c - slot * ITEM_COUNT;
      if (IS_PAYMENT[item]) paying[slot] = 1;
      else if (IS_HEALTH[item]) health[slot] = 1;
    }
    const h = rows[r]!;
    if (needsHelp && followUpCode >= 0) {
      const overdue = overdueAt[followUpCode] === 1;
      followUps.push({ householdId: h.id, hamletId: h.hamletId, on: dates[followUpCode]!, overdue });
      if (overdue) counts[base + OVERDUE]!++;
      else if (dueAt[followUpCode] === 1) counts[base + DUE]!++;
    }
    if (h.priority !== lastPriority) { lastPriority = h.priority; priority = isPriority(h); } // 32 shared objects from bundles
    counts[base + TOTAL]!++;
    if (inPeriod > 0) counts[base + VISITED]!++;
    if (ever) counts[base + EVER]!++;
    if (priority) { counts[base + PRI]!++; if (inPeriod > 0) counts[base + PRI_PERIOD]!++; if (ever) counts[base + PRI_EVER]!++; }
    // "Last visit before the stale limit": no recent visit (a stale limit of NaN or -Infinity marks nobody).
    if (!recent && staleMarks) counts[base + STALE]!++;
    counts[base + VISITS]! += inPeriod;
    for (let j = personStart[g]!, pEnd = personEnd[g]!; j < pEnd; j++) {
      // A repeated person id shares the first one's cells, as a Set of ids would.
      const slot = personSlot[j]!;
      counts[base + PEOPLE]!++;
      const age = refYear - birthYear[j]!; // NaN (unknown year) passes no test below
      if (age >= AGE_PAYMENT_MIN) { counts[base + AGED15]!++; if (paying[slot]) counts[base + AGED15_PAY]!++; }
      if (age >= AGE_ADULT_MIN) { counts[base + ADULTS]!++; if (smartphone[j]) counts[base + ADULTS_PHONE]!++; }
      if (health[slot]) counts[base + HEALTH_BOOK]!++;
    }
    const persons = personEnd[g]! - personStart[g]!;
    paying.fill(0, 0, persons + 1); health.fill(0, 0, persons + 1);
    const cb = t * CELLS;
    for (let i = 0; i < nTouched; i++) {
      const c = touched[i]!, item = c % ITEM_COUNT, st = state[c]!, ip = inPer[c]!;
      if (st >= 0 && st < OUTCOME_COUNT) cellState[cb + item * OUTCOME_COUNT + st]!++;
      if (ip >= 0 && ip < OUTCOME_COUNT) cellInPeriod[cb + item * OUTCOME_COUNT + ip]!++;
      made[c] = 0;
      const ds = details[c];
      if (!ds) continue;
      for (const scope of [tallies[t]!.scope, commune]) {
        const byDetail = scope.items[ITEM_KEYS[item]!]!.doneByDetail;
        for (const d of ds) byDetail[x.detailNames[d]!] = (byDetail[x.detailNames[d]!] ?? 0) + 1;
      }
      details[c] = undefined;
    }
  }
  tallies.forEach((tally, t) => {
    const s = tally.scope, hh = s.households, people = s.people, c = (f: number) => counts[t * FIELDS + f]!;
    hh.total += c(TOTAL); hh.visitedInPeriod += c(VISITED); hh.visitedEver += c(EVER); hh.notVisitedRecently += c(STALE);
    hh.priorityTotal += c(PRI); hh.priorityReachedInPeriod += c(PRI_PERIOD); hh.priorityReachedEver += c(PRI_EVER);
    people.total += c(PEOPLE); people.aged15Plus += c(AGED15); people.aged15PlusWithPayment += c(AGED15_PAY);
    people.adults += c(ADULTS); people.adultsWithSmartphone += c(ADULTS_PHONE); people.withHealthBook += c(HEALTH_BOOK);
    s.visits.inPeriod += c(VISITS); s.followUps.due += c(DUE); s.followUps.overdue += c(OVERDUE);
    for (let k = 0; k < CELLS; k++) { tally.state[k]! += cellState[t * CELLS + k]!; tally.inPeriod[k]! += cellInPeriod[t * CELLS + k]!; }
    for (let m = 0; m < members; m++) if (volunteer[t * members + m]) tally.volunteers.add(m);
    if (trend) trend.addCounts(s.hamletId!, trendVisits.subarray(t * M, t * M + M), trendDone.subarray(t * M, t * M + M), trendHouseholds.subarray(t * M, t * M + M));
  });
  return followUps;
}
