/**
 * GET /api/v1/reports/... — the commune roll-up computed by SQL over all synced data, for leaders only, scoped:
 * commune leaders see every hamlet of their commune, hamlet leaders only theirs. The numbers are the same counts the
 * phone computes (one definition in src/shared/report); percentages and targets are derived by the shared code.
 *
 * Mount in server/app.ts (before the /api/* catch-all), one line:
 *   app.route('/api/v1/reports', reportRoutes(deps.store, auth, now));
 */
import { Hono, type MiddlewareHandler } from 'hono';
import { z } from 'zod';
import type { AppEnv } from '../auth/device-auth';
import { listHamlets, type Store } from '../db';
import { reportCounts } from '../db/reports';
import { submittedReports } from './submitted';
import { ApiFailure, zodIssues } from '../http/errors';
import { isCommuneRole, isLeader, type Caller } from '../sync/caller';
import { deriveFigures, figureValues, periodBounds, STALE_DAYS_DEFAULT } from '../../src/shared/report';
import { IsoDate, Id } from '../../src/shared/schema';

/** A report covers at most this many days (a year and a bit): bounds the cost of one request. */
export const REPORT_MAX_DAYS = 400;

const PeriodQuery = z.strictObject({
  from: IsoDate, to: IsoDate, kind: z.enum(['month', 'quarter', 'custom']).default('custom'),
  hamletId: Id.optional(),
  staleDays: z.coerce.number().int().min(1).max(3650).default(STALE_DAYS_DEFAULT),
}).refine((q) => q.from <= q.to, { path: ['to'], message: 'Ngày kết thúc phải sau ngày bắt đầu' })
  .refine((q) => {
    const { startMs, endMs } = periodBounds(q);
    return (endMs - startMs) / 86_400_000 <= REPORT_MAX_DAYS;
  }, { path: ['to'], message: `Kỳ báo cáo tối đa ${REPORT_MAX_DAYS} ngày` });

function leaderScope(caller: Caller, hamletId: string | undefined): string[] | null {
  if (!isLeader(caller)) throw new ApiFailure('forbidden', 'Chỉ tổ trưởng, tổ phó được xem báo cáo');
  if (hamletId !== undefined) {
    if (!isCommuneRole(caller) && !caller.hamletIds.includes(hamletId)) throw new ApiFailure('forbidden', 'Bản này không thuộc phạm vi của bạn');
    return [hamletId];
  }
  return isCommuneRole(caller) ? null : caller.hamletIds;
}

function parse(query: Record<string, string>) {
  const parsed = PeriodQuery.safeParse(query);
  if (!parsed.success) throw new ApiFailure('bad_request', 'Tham số báo cáo không hợp lệ', zodIssues(parsed.error));
  return parsed.data;
}

export function reportRoutes(store: Store, auth: MiddlewareHandler<AppEnv>, now: () => number) {
  const app = new Hono<AppEnv>();
  app.use('*', auth);

  /** Counts per hamlet and for the commune, their derived figures and the report rows as key → value. */
  app.get('/counts', async (c) => {
    const caller = c.get('caller');
    const q = parse(c.req.query());
    const hamletIds = leaderScope(caller, q.hamletId);
    const nowMs = now();
    const counts = await reportCounts(store, { communeId: caller.communeId, hamletIds, period: q, now: nowMs, staleDays: q.staleDays });
    const scopes = hamletIds === null ? [counts.commune, ...counts.hamlets] : counts.hamlets;
    const names = new Map((await listHamlets(store, caller.communeId)).map((h) => [h.id, h.name]));
    return c.json({
      period: { kind: q.kind, from: q.from, to: q.to },
      generatedAt: new Date(nowMs).toISOString(),
      hamlets: counts.hamlets.map((s) => ({ id: s.hamletId, name: names.get(s.hamletId!) ?? '' })),
      counts,
      derived: Object.fromEntries(scopes.map((s) => [s.hamletId ?? '', deriveFigures(s)])),
      figures: Object.fromEntries(scopes.map((s) => [s.hamletId ?? '', figureValues(s, q.staleDays)])),
    });
  });

  /** Which hamlets submitted a report for exactly this period (newest per hamlet; '' = the commune report). */
  app.get('/submitted', async (c) => {
    const caller = c.get('caller');
    const q = parse(c.req.query());
    const hamletIds = leaderScope(caller, q.hamletId);
    return c.json({ reports: await submittedReports(store, caller.communeId, hamletIds, q) });
  });
  return app;
}
