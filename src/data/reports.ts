/**
 * Submitted reports and the data the dashboard reads. A submitted report is an immutable snapshot (figures and the
 * leader's text as they were when sent); resubmitting makes a new one and the newest counts. Snapshot and outbox
 * entry commit in one strict transaction, so a report "sent" offline reaches the commune at the next sync.
 */
import { db } from './db';
import { getMeta, LAST_GOOD_SYNC_KEY, nextHlc, type Device } from './meta';
import { outboxRow } from './outbox';
import { validation, ValidationError, type FieldIssue } from './validation';
import { currentWriter, demoFlag, withoutDemo } from './events';
import type { Hamlet, Report, ReportPeriod } from '../shared/schema';
import { uuidv7 } from '../shared/ids';
import type { ReportInput } from '../shared/report/counts';
import { hamletColumns } from './hamlet-facts';
import { preparedFromColumns } from '../shared/report/columns';
import { priorityOf } from '../shared/hamlet-facts';

export interface ReportSubmission {
  id?: string;
  hamletId: string | null;
  period: ReportPeriod;
  figures: Record<string, unknown>;
  difficulties: string;
  recommendations: string;
  commendations: string;
}

export async function submitReport(input: ReportSubmission, now: number = Date.now()): Promise<Report> {
  const { schema, parseInto } = await validation();
  return db.transaction('rw', [db.reports, db.outbox, db.meta], async () => {
    if (input.id) {
      const existing = await db.reports.get(input.id);
      if (existing) return withoutDemo(existing);
    }
    const writer = await currentWriter();
    const issues: FieldIssue[] = [];
    const report: Report | undefined = parseInto(schema.Report, {
      ...input, id: input.id ?? uuidv7(now), communeId: writer.communeId, submittedBy: writer.memberId,
      submittedAt: new Date(now).toISOString(),
    }, '', issues);
    if (!report) throw new ValidationError(issues);
    const hlc = await nextHlc(now);
    await db.reports.add({ ...report, ...demoFlag(writer.demo) });
    await db.outbox.add(outboxRow({ id: uuidv7(now), type: 'report.submit', entityId: report.id, hlc, payload: report }, null, writer.demo, now));
    return report;
  });
}

/** Submitted reports, newest first; optionally only those for exactly this period. */
export async function listReports(period?: Pick<ReportPeriod, 'from' | 'to'>): Promise<Report[]> {
  const rows = (await db.reports.toArray()).map(withoutDemo)
    .filter((r) => !period || (r.period.from === period.from && r.period.to === period.to));
  return rows.sort((a, b) => (a.submittedAt < b.submittedAt ? 1 : a.submittedAt > b.submittedAt ? -1 : 0));
}

export async function getReport(id: string): Promise<Report | undefined> {
  const row = await db.reports.get(id);
  return row && withoutDemo(row);
}

/** The newest submitted report per hamlet (key '' = the commune report) for a period: who has submitted. */
export async function submittedFor(period: Pick<ReportPeriod, 'from' | 'to'>): Promise<Map<string, Report>> {
  const out = new Map<string, Report>();
  for (const r of await listReports(period)) if (!out.has(r.hamletId ?? '')) out.set(r.hamletId ?? '', r);
  return out;
}

export interface DashboardData {
  input: ReportInput;
  hamlets: Hamlet[];
  communeName: string;
  /** When this device last received data from the server (null: never synced — local or demo data only). */
  dataAsOf: string | null;
  /** Enrolled with a commune server (else: demo or local data only). */
  enrolled: boolean;
}

/** When this phone last synced successfully (written by the sync store with each good receipt). */
async function lastGoodSync(): Promise<string | null> {
  return (await getMeta<string>(LAST_GOOD_SYNC_KEY)) ?? null;
}

/**
 * Everything the report figures read. Households, people and visits come from the hamlets' facts bundles (D19): ~18
 * rows instead of 75,000 objects — the IndexedDB read was three quarters of the dashboard's time. The bundles are
 * columns (D-R4), merged straight into the figures' encoded input (`input.prepared`): no visit or person object is
 * made. Two rounds of reads: everything small at once (a fresh worker pays for every round trip), then the bundles
 * of the commune's hamlets (rebuilt if a write dropped them).
 */
export async function loadDashboardData(): Promise<DashboardData> {
  const [dataAsOf, communes, hamlets, device, events, members] = await db.transaction('r', [db.communes, db.hamlets, db.meta, db.events, db.members], () =>
    Promise.all([lastGoodSync(), db.communes.toArray(), db.hamlets.toArray(), getMeta<Device>('device'), db.events.toArray(), db.members.toArray()]));
  // One commune at a time: the enrolled one, else the demo one (a device may hold both).
  const commune = communes.find((c) => c.id === device?.commune.id) ?? communes[0];
  const mine = hamlets.filter((h) => h.communeId === commune?.id);
  const columns = await hamletColumns(mine.map((h) => h.id));
  const { households, prepared } = preparedFromColumns(columns, priorityOf);
  return {
    input: {
      households, persons: [], visits: [], prepared,
      events: events.filter((e) => e.communeId === commune?.id),
      members: members.filter((m) => m.communeId === commune?.id),
    },
    hamlets: mine.map(withoutDemo).sort((a, b) => a.order - b.order || a.name.localeCompare(b.name, 'vi')),
    communeName: commune?.name ?? '',
    dataAsOf,
    enrolled: !!device,
  };
}
