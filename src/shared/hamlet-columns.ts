/**
 * A hamlet's facts bundle in columns (D-R4): the facts of all its households (from their digests) as typed arrays
 * plus a few small string dictionaries. IndexedDB stores an ArrayBuffer as raw bytes, so reading a bundle is a copy,
 * not 5 MB of JSON to parse into 50,000 objects; and the columns are already what the figures' one pass reads
 * (report/prepared.ts), so the dashboard merges 18 bundles instead of encoding 50,000 visit objects.
 *
 * The decoding rules are exactly decodeFacts (digest.ts) followed by prepareVisits (report/prepared.ts) — a test
 * compares the two — including for bad facts: an unknown item counts nowhere, an unknown outcome code replaces a
 * cell's outcome but counts nowhere, an outcome for someone no longer in the household matches nobody, an amendment
 * of a visit that is not in the household (or whose target index is out of range) changes nothing.
 */
import { ITEM_KEYS, OUTCOMES } from './catalogue';
import type { Digest, Facts } from './digest';
import { UNKNOWN_OUTCOME } from './report/prepared';
import { effectiveOrder } from './report/order';

/**
 * Small non-negative integers (codes, counts, positions within a household): 1 byte each when a bundle's values all
 * fit (a hamlet has < 256 members, follow-up dates, people per household, visits per household — the usual case),
 * else 2, else 4 (bad or absurd data still encodes exactly). The read is about 45 MB/s in Chromium, so bytes count.
 */
export type Codes = Uint8Array | Uint16Array | Int32Array;
/** Birth years: 2 bytes each (BIRTH_UNKNOWN: none) when all are whole years that fit, else 8 (exact, as given). */
export type BirthYears = Int16Array | Float64Array;
export const BIRTH_UNKNOWN = -0x8000;

export interface HamletColumns {
  /** Per household, in bundle (id) order: id, label, priority bits (hamlet-facts.ts priorityBits). */
  ids: string[];
  labels: string[];
  priority: Uint8Array;
  /** Household h's people are [personStart[h], personStart[h + 1]); its visits [visitStart[h], visitStart[h + 1]). */
  personStart: Int32Array;
  visitStart: Int32Array;
  /** Per person: birth year (NaN, or BIRTH_UNKNOWN in an Int16Array: unknown), smartphone (1) or not (0). */
  birthYear: BirthYears;
  smartphone: Uint8Array;
  /** Per visit (a household's visits in id order): Date.parse(at) (NaN if malformed), member code (in `members`). */
  ms: Float64Array;
  member: Codes;
  /** Follow-up date code + 1 (in `followUpDates`; 0: none). */
  followUp: Codes;
  /** How many outcomes the visit has; they follow the previous visit's in the per-outcome columns. */
  outCount: Codes;
  /**
   * Effective visits (report/order.ts), worked out when the bundle is built: household h has effectiveCount[h];
   * they are positions visitStart[h] + i of `orig` (the visit whose time places it) and `content` (the one whose
   * outcomes count: the latest amendment, or the visit itself), as indices among the household's visits.
   */
  orig: Codes;
  content: Codes;
  effectiveCount: Codes;
  /** Per outcome: item index (-1: unknown), outcome index (UNKNOWN_OUTCOME: unknown), person slot (1-based; 0: none). */
  item: Int8Array;
  outcome: Int8Array;
  person: Codes;
  /** Details of outcomes marked done: per detail, its outcome's index in the bundle (in order) and its code. */
  detailOutcome: Int32Array;
  detail: Codes;
  members: string[];
  followUpDates: string[];
  details: string[];
}

export type BundleSource = Pick<Digest, 'id' | 'label' | 'priority' | 'facts'>;

const ITEM_INDEX = new Map<unknown, number>(ITEM_KEYS.map((k, i) => [k, i]));
const OUTCOME_INDEX = new Map<unknown, number>(OUTCOMES.map((o, i) => [o, i]));
const DONE = OUTCOMES.indexOf('done');
const NO_FACTS: Facts = { m: [], p: [], v: [] };

/** Codes in order of first appearance. */
function dictionary<T>() {
  const names: T[] = [], codes = new Map<T, number>();
  return {
    names,
    code(x: T): number {
      let c = codes.get(x);
      if (c === undefined) { codes.set(x, (c = names.length)); names.push(x); }
      return c;
    },
  };
}

/** A stored facts string; unreadable facts (never written by this app) count as a household with no people or visits. */
function parseFacts(json: string): Facts {
  try {
    const f = JSON.parse(json) as Partial<Facts> | null;
    return { m: Array.isArray(f?.m) ? f.m : [], p: Array.isArray(f?.p) ? f.p : [], v: Array.isArray(f?.v) ? f.v : [] };
  } catch {
    return NO_FACTS;
  }
}

/** Codes, 1 or 2 bytes each if they all fit. */
export function codes(values: ArrayLike<number>): Codes {
  let max = 0;
  for (let i = 0; i < values.length; i++) {
    const v = values[i]!;
    if (!(v >= 0 && v <= 0xffff && v === Math.floor(v))) return Int32Array.from(values);
    if (v > max) max = v;
  }
  return max <= 0xff ? Uint8Array.from(values) : Uint16Array.from(values);
}

/** Birth years in 2 bytes each if all are whole years in range (or unknown), else as they are. */
export function birthYears(values: readonly number[]): BirthYears {
  for (const v of values) if (!(Number.isNaN(v) || (Number.isInteger(v) && v > BIRTH_UNKNOWN && v <= 0x7fff))) return Float64Array.from(values);
  return Int16Array.from(values, (v) => (Number.isNaN(v) ? BIRTH_UNKNOWN : v));
}

/** The columns of one hamlet's households, in the order given (the data layer passes them in id order). */
export function encodeColumns(digests: readonly BundleSource[], priorityBits: (d: BundleSource) => number): HamletColumns {
  const personStart = [0], visitStart = [0], birthYear: number[] = [], smartphone: number[] = [];
  // amends: the amended visit's index in the bundle; -1: not an amendment; -2: amends a visit not in the household.
  const ms: number[] = [], member: number[] = [], followUp: number[] = [], amends: number[] = [], outCount: number[] = [];
  const item: number[] = [], outcome: number[] = [], person: number[] = [], detailOutcome: number[] = [], detail: number[] = [];
  const members = dictionary<string>(), followUpDates = dictionary<string>(), details = dictionary<string>();
  for (const d of digests) {
    const f = parseFacts(d.facts);
    const base = ms.length, people = f.p.length;
    for (const p of f.p) {
      const [b, s] = Array.isArray(p) ? p : [];
      birthYear.push(b === null ? NaN : Number(b));
      smartphone.push(s === 1 ? 1 : 0);
    }
    for (const v of f.v) {
      const [at, m, on, am, outs] = Array.isArray(v) ? v : [];
      ms.push(Date.parse(at as string));
      member.push(members.code(f.m[m as number] ?? ''));
      followUp.push(on ? followUpDates.code(on) + 1 : 0);
      amends.push(typeof am === 'number' ? (Number.isInteger(am) && am >= 0 && am < f.v.length ? base + am : -1) : am ? -2 : -1);
      outCount.push(Array.isArray(outs) ? outs.length : 0);
      for (const o of Array.isArray(outs) ? outs : []) {
        const [it, p, oc, ds] = Array.isArray(o) ? o : [];
        const code = OUTCOME_INDEX.get(OUTCOMES[oc as number]) ?? UNKNOWN_OUTCOME;
        item.push(ITEM_INDEX.get(typeof it === 'number' ? ITEM_KEYS[it] : it) ?? -1);
        outcome.push(code);
        person.push(typeof p === 'number' && Number.isInteger(p) && p >= 0 && p < people ? p + 1 : 0);
        if (code === DONE && Array.isArray(ds)) for (const x of ds) { detailOutcome.push(item.length - 1); detail.push(details.code(x)); }
      }
    }
    personStart.push(birthYear.length);
    visitStart.push(ms.length);
  }
  // A visit's index orders as its id does within its household (visits are in id order); -2 matches no visit.
  const index = Int32Array.from(ms, (_, i) => i), starts = Int32Array.from(visitStart), times = Float64Array.from(ms);
  const { orig, content, end } = effectiveOrder(index, amends, times, Uint8Array.from(amends, (a) => (a === -1 ? 0 : 1)), starts, index);
  // Within the household: small numbers.
  for (let h = 0; h + 1 < starts.length; h++) {
    for (let k = starts[h]!; k < end[h]!; k++) { orig[k] = orig[k]! - starts[h]!; content[k] = content[k]! - starts[h]!; }
    end[h] = end[h]! - starts[h]!;
  }
  return {
    ids: digests.map((d) => d.id), labels: digests.map((d) => d.label), priority: Uint8Array.from(digests, priorityBits),
    personStart: Int32Array.from(personStart), visitStart: starts,
    birthYear: birthYears(birthYear), smartphone: Uint8Array.from(smartphone),
    ms: times, member: codes(member), followUp: codes(followUp), outCount: codes(outCount),
    orig: codes(orig), content: codes(content), effectiveCount: codes(end),
    item: Int8Array.from(item), outcome: Int8Array.from(outcome), person: codes(person),
    detailOutcome: Int32Array.from(detailOutcome), detail: codes(detail),
    members: members.names, followUpDates: followUpDates.names, details: details.names,
  };
}

/** A stored bundle value is usable columns (a row of an older version holds a JSON string). */
export const isColumns = (x: unknown): x is HamletColumns =>
  typeof x === 'object' && x !== null && (x as HamletColumns).visitStart instanceof Int32Array && (x as HamletColumns).ms instanceof Float64Array &&
  ArrayBuffer.isView((x as HamletColumns).orig) && ArrayBuffer.isView((x as HamletColumns).outCount);
