/**
 * Report files, generated in the worker: XLSX (real workbook) and CSV (UTF-8 with BOM) from the same table model
 * the screen shows. The bytes go back to the page, which offers them as a download.
 */
import { loadDashboardData } from '../../data/reports';
import { communeCounts, reportTable, STALE_DAYS_DEFAULT, vnDate, type LeaderText, type ReportTable } from '../../shared/report';
import type { ReportPeriod } from '../../shared/schema';
import { csvBytes } from '../export/csv';
import { XLSX_MIME, xlsxBytes } from '../export/xlsx';

export interface ExportRequest {
  format: 'xlsx' | 'csv';
  period: ReportPeriod;
  /** null = the commune report with all hamlets side by side. */
  hamletId: string | null;
  now: number;
  staleDays?: number;
  text?: LeaderText;
}

export interface ExportFile { fileName: string; mime: string; bytes: Uint8Array }

export type ExportProgress = (done: number, total: number) => void;

const dateTime = (ms: number) => `${vnDate(ms)} ${new Date(ms + 7 * 3600_000).toISOString().slice(11, 16)}`;

export async function buildReportTable(req: Omit<ExportRequest, 'format'>): Promise<ReportTable> {
  const data = await loadDashboardData();
  const staleDays = req.staleDays ?? STALE_DAYS_DEFAULT;
  const counts = communeCounts(data.input, { period: req.period, now: req.now, hamletIds: data.hamlets.map((h) => h.id), staleDays });
  return reportTable({
    counts, hamletNames: new Map(data.hamlets.map((h) => [h.id, h.name])), communeName: data.communeName, period: req.period,
    hamletId: req.hamletId, staleDays, text: req.text,
    dataAsOf: data.dataAsOf ? dateTime(Date.parse(data.dataAsOf)) : `${dateTime(req.now)} (dữ liệu trên máy)`,
  });
}

export async function exportReport(req: ExportRequest, onProgress?: ExportProgress): Promise<ExportFile> {
  const table = await buildReportTable(req);
  if (req.format === 'csv') {
    onProgress?.(1, 1);
    return { fileName: `${table.fileName}.csv`, mime: 'text/csv;charset=utf-8', bytes: csvBytes(table.sheets[0]!) };
  }
  return { fileName: `${table.fileName}.xlsx`, mime: XLSX_MIME, bytes: xlsxBytes(table, onProgress) };
}
