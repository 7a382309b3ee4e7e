/**
 * The report's input encoded once into typed arrays, in input order, for the dashboard's one pass per household.
 * Why: on a phone (and on the bench machine) the figures for 50,000 visits are bound by memory reads, not
 * arithmetic — visiting each visit object, its outcomes array, each outcome object and its strings in household
 * order jumps all over the heap. Reading every row once, in the order it was loaded, and keeping small integers
 * (item, outcome, member codes, the person's slot in the household; times as numbers) lets the per-household pass
 * touch only compact arrays. Person ids are matched against the visit's own household by string comparison, not
 * hashed: hashing 100,000 fresh 36-character ids was the largest single cost.
 * Visits are grouped by household and put in effective order (state.ts rules: amendments replace the visit they
 * amend at its time; the latest amendment by time, then id, wins) here, once, for both the figures and the trend.
 */
import { ITEM_KEYS, OUTCOMES } from '../catalogue';
import type { HouseholdRow, PersonRow, ReportInput, VisitRow } from './counts';
import { visitMs } from './effective';
import { effectiveOrder } from './order';

const ITEM_INDEX = new Map<string, number>(ITEM_KEYS.map((k, i) => [k, i]));
const OUTCOME_INDEX = new Map<string, number>(OUTCOMES.map((o, i) => [o, i]));
/** An outcome this version does not know (bad input): it replaces a cell's outcome but is counted nowhere. */
export const UNKNOWN_OUTCOME = OUTCOMES.length;
const DONE = OUTCOMES.indexOf('done');

export interface PreparedInput {
  households: readonly HouseholdRow[];
  persons?: readonly PersonRow[];
  visits: ReportInput['visits'];
  visitsByHousehold?: ReportInput['visitsByHousehold'];
  /** Already encoded (a columnar bundle, D-R4): returned as it is. */
  prepared?: PreparedVisits;
}

export interface PreparedVisits {
  /** householdId → household code (index of its first row in `households`). */
  household: Map<string, number>;
  /** Per visit row, in the order encoded: time, follow-up given, member code, first outcome (outStart[row + 1] ends it). */
  ms: Float64Array;
  /** Follow-up date code (-1: none); followUpDates maps codes back to dates. */
  followUp: Int32Array;
  followUpDates: string[];
  member: Int32Array;
  outStart: Int32Array;
  /**
   * Per outcome: item index (-1: unknown item), outcome index, and the person's slot among the household's people
   * (1-based, the first with that id; 0: no person, or not registered in the household).
   */
  item: Int8Array;
  outcome: Int8Array;
  person: Int32Array;
  /** Per outcome marked done: its details are detail codes [detailStart[k], detailStart[k + 1]) of `detail`. */
  detailStart: Int32Array;
  detail: Int32Array;
  /** Detail code → detail key ("momo", "birth", …). */
  detailNames: string[];
  /** Per household code: its effective visits are positions [start, end) of `orig` (time, id) and `content` (outcomes). */
  start: Int32Array;
  end: Int32Array;
  orig: Int32Array;
  content: Int32Array;
  /** Per household code: its people are positions [personStart, personEnd) of the per-person arrays below. */
  personStart: Int32Array;
  personEnd: Int32Array;
  /** Per person position: the person's slot (1-based, the first with that id: a repeated id is one person). */
  personSlot: Int32Array;
  /** Per person position: birth year (NaN: unknown) and smartphone (1) or not (0). */
  birthYear: Float64Array;
  smartphone: Uint8Array;
}

function grow<T extends Int8Array | Int32Array>(a: T, need: number): T {
  if (need <= a.length) return a;
  const b = new (a.constructor as new (n: number) => T)(Math.max(need, a.length * 2));
  b.set(a);
  return b;
}

export function prepareVisits(input: PreparedInput): PreparedVisits {
  if (input.prepared) return input.prepared;
  const household = new Map<string, number>();
  input.households.forEach((h, i) => { if (!household.has(h.id)) household.set(h.id, i); });
  const persons = input.persons ?? [];
  const personHousehold = new Int32Array(persons.length);
  for (let r = 0; r < persons.length; r++) personHousehold[r] = household.get(persons[r]!.householdId) ?? -1;
  const count = input.households.length;
  const personGroups = groupRows(personHousehold, count);
  const { start: pStart, order: personRows } = personGroups;
  /** Slot of a person id among household g's people (1-based, first match; 0: not there). */
  const slotIn = (g: number, id: string): number => {
    if (g < 0) return 0;
    for (let i = pStart[g]!; i < pStart[g + 1]!; i++) if (persons[personRows[i]!]!.id === id) return i - pStart[g]! + 1;
    return 0;
  };
  const personSlot = new Int32Array(personRows.length), birthYear = new Float64Array(personRows.length), smartphone = new Uint8Array(personRows.length);
  for (let g = 0; g < count; g++) {
    for (let i = pStart[g]!; i < pStart[g + 1]!; i++) personSlot[i] = slotIn(g, persons[personRows[i]!]!.id);
  }
  for (let i = 0; i < personRows.length; i++) {
    const p = persons[personRows[i]!]!;
    birthYear[i] = p.birthYear === null ? NaN : Number(p.birthYear); // as `refYear - birthYear` would read it
    smartphone[i] = p.hasSmartphone ? 1 : 0;
  }
  // Grouped input (a digest) is flattened; row order is then the digest's order.
  let rows: readonly VisitRow[] = input.visits;
  let rowHousehold: Int32Array;
  if (input.visitsByHousehold) {
    const flat: VisitRow[] = [], codes: number[] = [];
    for (const [id, list] of input.visitsByHousehold) {
      const code = household.get(id) ?? -1;
      for (const v of list) { flat.push(v); codes.push(code); }
    }
    rows = flat;
    rowHousehold = Int32Array.from(codes);
  } else {
    rowHousehold = new Int32Array(rows.length);
    for (let r = 0; r < rows.length; r++) rowHousehold[r] = household.get(rows[r]!.householdId) ?? -1;
  }
  const n = rows.length;
  const ids: string[] = new Array(n), targets: unknown[] = new Array(n);
  const ms = new Float64Array(n), followUp = new Int32Array(n), isAmendment = new Uint8Array(n), member = new Int32Array(n), outStart = new Int32Array(n + 1);
  let item = new Int8Array(n * 4), outcome = new Int8Array(n * 4), person = new Int32Array(n * 4);
  const members = new Map<string, number>(), followUpCodes = new Map<string, number>(), followUpDates: string[] = [];
  const detailCodes = new Map<string, number>(), detailNames: string[] = [];
  let detailStart = new Int32Array(n * 4 + 1), detail = new Int32Array(1024), dk = 0;
  let k = 0;
  for (let r = 0; r < n; r++) {
    const v = rows[r]!;
    ms[r] = visitMs(v);
    followUp[r] = -1;
    if (v.followUpOn) {
      let f = followUpCodes.get(v.followUpOn);
      if (f === undefined) { followUpCodes.set(v.followUpOn, (f = followUpDates.length)); followUpDates.push(v.followUpOn); }
      followUp[r] = f;
    }
    ids[r] = v.id;
    if (v.amends) { isAmendment[r] = 1; targets[r] = v.amends; }
    let m = members.get(v.memberId);
    if (m === undefined) members.set(v.memberId, (m = members.size));
    member[r] = m;
    outStart[r] = k;
    const outs = v.outcomes ?? []; // rows are validated on entry; a broken one must still not crash the dashboard
    if (k + outs.length > item.length) {
      item = grow(item, k + outs.length); outcome = grow(outcome, k + outs.length); person = grow(person, k + outs.length);
      detailStart = grow(detailStart, k + outs.length + 1);
    }
    for (let j = 0; j < outs.length; j++, k++) {
      const o = outs[j]!;
      item[k] = ITEM_INDEX.get(o.item) ?? -1;
      outcome[k] = OUTCOME_INDEX.get(o.outcome) ?? UNKNOWN_OUTCOME;
      person[k] = o.personId == null ? 0 : slotIn(rowHousehold[r]!, o.personId);
      detailStart[k] = dk;
      const ds = o.details;
      if (outcome[k] !== DONE || !ds || ds.length === 0) continue;
      detail = grow(detail, dk + ds.length);
      for (const d of ds) {
        let c = detailCodes.get(d);
        if (c === undefined) { detailCodes.set(d, (c = detailNames.length)); detailNames.push(d); }
        detail[dk++] = c;
      }
    }
  }
  outStart[n] = k;
  detailStart[k] = dk;
  const visitGroups = groupRows(rowHousehold, count);
  const { orig, content, end } = effectiveOrder(ids, targets, ms, isAmendment, visitGroups.start, visitGroups.order);
  return {
    household, ms, followUp, followUpDates, member, outStart, item, outcome, person, detailStart, detail, detailNames,
    start: visitGroups.start, end, orig, content,
    personStart: personGroups.start, personEnd: personGroups.end, personSlot, birthYear, smartphone,
  };
}

/** Counting sort of row indices by group code (-1: dropped), stable: each group keeps input order. */
function groupRows(codes: ArrayLike<number>, groups: number): { start: Int32Array; end: Int32Array; order: Int32Array } {
  const start = new Int32Array(groups + 1), end = new Int32Array(groups);
  for (let r = 0; r < codes.length; r++) if (codes[r]! >= 0) start[codes[r]! + 1]!++;
  for (let g = 0; g < groups; g++) start[g + 1]! += start[g]!;
  const order = new Int32Array(start[groups]!);
  end.set(start.subarray(0, groups));
  for (let r = 0; r < codes.length; r++) { const g = codes[r]!; if (g >= 0) order[end[g]!++] = r; }
  return { start, end, order };
}
