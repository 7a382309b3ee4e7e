/**
 * Counts for a commune report: one scope per hamlet plus the commune total, in one pass over the data so that a
 * commune with 50,000 visits is computed in the worker without blocking anyone. Pure: pass `now`.
 */
import type { ReportPeriod } from '../schema';
import { emptyScope, FOLLOW_UP_DUE_DAYS, STALE_DAYS_DEFAULT, type ReportInput, type ScopeCounts } from './counts';
import { addHouseholds, type FollowUp } from './households';
import { addDays, periodBounds, vnDate } from './period';
import { prepareVisits, type PreparedVisits } from './prepared';
import { closeTallies, newTally, type HamletTally } from './tally';
import { addTeamFigures } from './team';
import { TrendPass, type TrendPoint } from './trend';

export interface ReportOptions {
  period: Pick<ReportPeriod, 'from' | 'to'>;
  now: number;
  /** Hamlets in display order; empty hamlets still get a row. Hamlets found only in the data are appended. */
  hamletIds?: readonly string[];
  staleDays?: number;
  /** prepareVisits(input) if the caller already made it (it must be of this same input). */
  prepared?: PreparedVisits;
}

export interface CommuneCounts {
  hamlets: ScopeCounts[];
  commune: ScopeCounts;
  /** Open follow-ups as of `now`, earliest first (tap-through list). */
  followUps: FollowUp[];
}

const DAY_MS = 24 * 60 * 60 * 1000;

export function communeCounts(input: ReportInput, opts: ReportOptions): CommuneCounts {
  return communeCountsWithTrend(input, opts, null).counts;
}

/**
 * communeCounts and, for `months` (consecutive, oldest first), monthlyTrends' result, from one pass over the visits:
 * the dashboard needs both, and reading 50,000 visits' outcomes once instead of twice is most of the saving.
 */
export function communeCountsWithTrend(
  input: ReportInput, opts: ReportOptions, months: readonly ReportPeriod[] | null,
): { counts: CommuneCounts; trend: Record<string, TrendPoint[]> } {
  const { from, to } = opts.period;
  const { startMs, endMs } = periodBounds(opts.period);
  const today = vnDate(opts.now);
  const prepared = opts.prepared ?? prepareVisits(input);
  const trend = months ? new TrendPass(input.households, months, opts.hamletIds) : null;
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

  // Each row's household code and hamlet tally (tallies in order of first appearance), for the flat pass.
  const rows = input.households, H = rows.length;
  const code = new Int32Array(H), hamlet = new Int32Array(H), tallies: HamletTally[] = [], tallyOf = new Map<string, number>();
  let lastHamlet: string | undefined, t = -1;
  for (let r = 0; r < H; r++) {
    const h = rows[r]!;
    code[r] = prepared.household.get(h.id)!;
    if (h.hamletId !== lastHamlet || t < 0) {
      lastHamlet = h.hamletId;
      let i = tallyOf.get(lastHamlet);
      if (i === undefined) { tallyOf.set(lastHamlet, (i = tallies.length)); tallies.push(newTally(scope(lastHamlet))); }
      t = i;
    }
    hamlet[r] = t;
  }
  // A household listed twice counts twice in the period figures (as before) but once in the trend: its last row.
  let inTrend: Uint8Array | null = null;
  if (trend) {
    const lastRow = new Int32Array(prepared.end.length);
    for (let r = 0; r < H; r++) lastRow[code[r]!] = r;
    inTrend = new Uint8Array(H);
    for (let r = 0; r < H; r++) inTrend[r] = lastRow[code[r]!] === r ? 1 : 0;
  }
  const followUps = addHouseholds(w, prepared, { rows, code, hamlet, inTrend }, tallies, commune, trend);
  closeTallies(tallies, commune);

  addTeamFigures(commune, scope, input.events, input.members, from, to);
  followUps.sort((a, b) => (a.on < b.on ? -1 : a.on > b.on ? 1 : a.householdId < b.householdId ? -1 : 1));
  return { counts: { hamlets: [...byHamlet.values()], commune, followUps }, trend: trend ? trend.close() : {} };
}
