/**
 * Month-by-month trend for the chart: households visited, visits and items done per month, for every hamlet and the
 * commune in one pass over the visits. Same rules as the period figures (effective visits, Vietnam-time months), so
 * a month's point equals that month's report. The commune's points are the sum of its hamlets' (a household is in
 * one hamlet), so each visit is counted once. The dashboard runs TrendPass inside the period figures' pass over the
 * visits (communeCountsWithTrend), so each visit's outcomes are read once; monthlyTrends runs it alone.
 */
import { OUTCOMES } from '../catalogue';
import type { ReportPeriod } from '../schema';
import type { HouseholdRow, ReportInput } from './counts';
import { periodBounds } from './period';
import { prepareVisits, type PreparedVisits } from './prepared';

const DONE = OUTCOMES.indexOf('done');

export interface TrendPoint { month: string; label: string; visitedHouseholds: number; visits: number; itemsDone: number }

const emptyPoints = (months: readonly ReportPeriod[]): TrendPoint[] =>
  months.map((m) => ({ month: m.from.slice(0, 7), label: `${m.from.slice(5, 7)}/${m.from.slice(0, 4)}`, visitedHouseholds: 0, visits: 0, itemsDone: 0 }));

/** The trend's one definition: which month a visit falls in, and what it adds there. Months consecutive, oldest first. */
export class TrendPass {
  /** Key '' = the commune (filled by close), else the hamlet id. */
  readonly out: Record<string, TrendPoint[]>;
  private readonly households: readonly HouseholdRow[];
  private byHousehold: Map<string, string> | null = null;
  private readonly ends: number[];
  private readonly first: number;
  private readonly last: number;
  private seen = -1;

  /** `hamletIds`: hamlets that get a series even with no household (all zero), like their counts. */
  constructor(households: readonly HouseholdRow[], months: readonly ReportPeriod[], hamletIds: readonly string[] = []) {
    this.ends = months.map((m) => periodBounds(m).endMs);
    this.first = months.length > 0 ? periodBounds(months[0]!).startMs : Infinity;
    this.last = this.ends[this.ends.length - 1] ?? -Infinity;
    this.out = { '': emptyPoints(months) };
    this.households = households;
    let last: string | undefined;
    for (const h of households) {
      if (h.hamletId === last) continue; // rows come hamlet by hamlet: one look-up per hamlet, not per household
      last = h.hamletId;
      this.out[last] ??= emptyPoints(months);
    }
    for (const id of hamletIds) this.out[id] ??= emptyPoints(months);
  }

  /** householdId → hamletId (the last row wins if a household is listed twice); made when first asked for. */
  get hamletOf(): ReadonlyMap<string, string> {
    if (!this.byHousehold) this.byHousehold = new Map(this.households.map((h) => [h.id, h.hamletId]));
    return this.byHousehold;
  }

  inRange(ms: number): boolean { return ms >= this.first && ms < this.last; }

  /** Call before each household's visits (in time order). */
  startHousehold(): void { this.seen = -1; }

  /** Month index of a time in range, else -1. */
  monthOf(ms: number): number {
    if (!this.inRange(ms)) return -1;
    let i = 0;
    while (i < this.ends.length - 1 && ms >= this.ends[i]!) i++;
    return i;
  }

  get monthCount(): number { return this.ends.length; }

  /** monthOf per position of `x.orig` (once for every visit, before the per-household pass); one loop, no call per visit. */
  monthsOf(x: Pick<PreparedVisits, 'ms' | 'orig'>): Int16Array {
    const { ms, orig } = x, out = new Int16Array(orig.length), ends = Float64Array.from(this.ends), last = ends.length - 1;
    const first = this.first, after = this.last;
    for (let k = 0; k < out.length; k++) {
      const t = ms[orig[k]!]!;
      let i = -1;
      if (t >= first && t < after) { i = 0; while (i < last && t >= ends[i]!) i++; }
      out[k] = i;
    }
    return out;
  }

  /** A hamlet's per-month visits, items done and households visited, counted elsewhere (households.ts). */
  addCounts(hamletId: string, visits: ArrayLike<number>, done: ArrayLike<number>, households: ArrayLike<number>): void {
    const points = this.out[hamletId];
    if (!points) return; // a hamlet with no households: nothing counted
    points.forEach((p, i) => { p.visits += visits[i]!; p.itemsDone += done[i]!; p.visitedHouseholds += households[i]!; });
  }

  /** One effective visit in range: `done` = its outcomes marked done for a known item. */
  add(points: TrendPoint[], ms: number, done: number): void {
    this.addMonth(points, this.monthOf(ms), done);
  }

  /** The same, with the visit's month index (monthOf). */
  addMonth(points: TrendPoint[], i: number, done: number): void {
    const p = points[i]!;
    p.visits++;
    p.itemsDone += done;
    // Visits are in time order, so a household's months come in order: count it once per month.
    if (i !== this.seen) p.visitedHouseholds++;
    this.seen = i;
  }

  /** The commune's points as the sum of the hamlets'. */
  close(): Record<string, TrendPoint[]> {
    const commune = this.out['']!;
    for (const [key, points] of Object.entries(this.out)) {
      if (key === '') continue;
      points.forEach((p, i) => {
        const c = commune[i]!;
        c.visits += p.visits; c.itemsDone += p.itemsDone; c.visitedHouseholds += p.visitedHouseholds;
      });
    }
    return this.out;
  }
}

type TrendInput = { households: readonly HouseholdRow[] } & Pick<ReportInput, 'visits' | 'visitsByHousehold'>;

/** Trend per scope: key '' = the commune, else the hamlet id. `prepared` = prepareVisits(input), if already made. */
export function monthlyTrends(input: TrendInput, months: readonly ReportPeriod[], prepared?: PreparedVisits): Record<string, TrendPoint[]> {
  const pass = new TrendPass(input.households, months);
  const x = prepared ?? prepareVisits(input);
  for (const [householdId, hamletId] of pass.hamletOf) {
    const code = x.household.get(householdId)!;
    const points = pass.out[hamletId]!;
    pass.startHousehold();
    for (let k = x.start[code]!, end = x.end[code]!; k < end; k++) {
      const ms = x.ms[x.orig[k]!]!;
      if (!pass.inRange(ms)) continue;
      const r = x.content[k]!;
      let done = 0;
      for (let q = x.outStart[r]!; q < x.outStart[r + 1]!; q++) if (x.item[q]! >= 0 && x.outcome[q] === DONE) done++;
      pass.add(points, ms, done);
    }
  }
  return pass.close();
}

/** Trend of one hamlet, or of the commune (null). */
export function monthlyTrend(input: TrendInput, months: readonly ReportPeriod[], hamletId: string | null): TrendPoint[] {
  const pass = monthlyTrends(input, months);
  return pass[hamletId ?? ''] ?? emptyPoints(months);
}
