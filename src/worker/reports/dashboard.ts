/**
 * The leader's dashboard, computed in the worker from local data so the UI thread never stutters, online or not.
 * Everything returned is plain data (no Maps, no class instances): it crosses the Comlink boundary by structured clone.
 */
import { loadDashboardData, submittedFor, type DashboardData } from '../../data/reports';
import {
  communeCountsWithTrend, deriveFigures, lastMonths, STALE_DAYS_DEFAULT, type CommuneCounts, type DerivedFigures,
  type FollowUp, type TrendPoint,
} from '../../shared/report';
import type { Hamlet, ReportPeriod } from '../../shared/schema';

export interface DashboardRequest {
  period: ReportPeriod;
  now: number;
  staleDays?: number;
  /** Months in the trend chart, ending with the month of `now`. */
  trendMonths?: number;
}

export interface Dashboard {
  period: ReportPeriod;
  now: number;
  staleDays: number;
  communeName: string;
  hamlets: Pick<Hamlet, 'id' | 'name'>[];
  counts: CommuneCounts;
  /** Derived figures per scope: key '' = the commune, else the hamlet id. */
  derived: Record<string, DerivedFigures>;
  /** Trend per scope, same keys as `derived`. */
  trend: Record<string, TrendPoint[]>;
  followUps: (FollowUp & { label: string })[];
  /** Hamlet id ('' = commune report) → submission time of its newest report for exactly this period. */
  submitted: Record<string, string>;
  dataAsOf: string | null;
  enrolled: boolean;
}

/** Computes the dashboard from data already loaded (pure; used by the worker and the tests). */
export function dashboardFrom(data: DashboardData, req: DashboardRequest): Omit<Dashboard, 'submitted'> {
  const staleDays = req.staleDays ?? STALE_DAYS_DEFAULT;
  // One pass over the visits (grouped, timed and sorted once) gives the period figures and the trend.
  const { counts, trend } = communeCountsWithTrend(data.input, {
    period: req.period, now: req.now, hamletIds: data.hamlets.map((h) => h.id), staleDays,
  }, lastMonths(req.now, req.trendMonths ?? 6));
  const derived: Record<string, DerivedFigures> = { '': deriveFigures(counts.commune) };
  for (const s of counts.hamlets) derived[s.hamletId!] = deriveFigures(s);
  const labels = new Map(data.input.households.map((h) => [h.id, (h as { label?: string }).label ?? '']));
  return {
    period: req.period, now: req.now, staleDays, communeName: data.communeName,
    hamlets: data.hamlets.map((h) => ({ id: h.id, name: h.name })),
    counts, derived, trend,
    followUps: counts.followUps.map((f) => ({ ...f, label: labels.get(f.householdId) ?? '' })),
    dataAsOf: data.dataAsOf,
    enrolled: data.enrolled,
  };
}

/**
 * Worker service: reads IndexedDB (through src/data) and computes. The marks (tn:dashboard-start, tn:dashboard-data)
 * split a call into its read and its compute for the benchmark and for DevTools, as the app's start-up marks do.
 */
export async function leaderDashboard(req: DashboardRequest): Promise<Dashboard> {
  performance.mark('tn:dashboard-start');
  const [data, submitted] = await Promise.all([loadDashboardData(), submittedFor(req.period)]);
  performance.mark('tn:dashboard-data');
  return {
    ...dashboardFrom(data, req),
    submitted: Object.fromEntries([...submitted].map(([k, r]) => [k, r.submittedAt])),
  };
}
