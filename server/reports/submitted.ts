/** Submitted report snapshots for a period, newest per hamlet: "which hamlets have submitted". */
import type { Store } from '../db';
import { Report } from '../../src/shared/schema';
import { listSubmittedReports } from '../db/reports';

export interface SubmittedSummary { id: string; hamletId: string | null; submittedAt: string; submittedBy: string }

export async function submittedReports(
  store: Store, communeId: string, hamletIds: string[] | null, period: { from: string; to: string },
): Promise<SubmittedSummary[]> {
  const newest = new Map<string, SubmittedSummary>();
  for (const json of await listSubmittedReports(store, communeId)) {
    let parsed: ReturnType<typeof Report.safeParse>;
    try { parsed = Report.safeParse(JSON.parse(json)); } catch { continue; }
    if (!parsed.success) continue;
    const r = parsed.data;
    if (r.period.from !== period.from || r.period.to !== period.to) continue;
    if (hamletIds !== null && (r.hamletId === null || !hamletIds.includes(r.hamletId))) continue;
    const key = r.hamletId ?? '';
    const seen = newest.get(key);
    if (!seen || seen.submittedAt < r.submittedAt) newest.set(key, { id: r.id, hamletId: r.hamletId, submittedAt: r.submittedAt, submittedBy: r.submittedBy });
  }
  return [...newest.values()].sort((a, b) => (a.hamletId ?? '').localeCompare(b.hamletId ?? ''));
}
