/**
 * Report files, encoded in the worker: XLSX (real workbook) and CSV (UTF-8 with BOM) of the very table the page shows
 * and prints — whether its figures came from the phone or from the server's roll-up — so the file sent to the UBND
 * says what the leader saw and submitted. The bytes go back to the page, which offers them as a download.
 */
import type { ReportTable } from '../../shared/report';
import { csvBytes } from '../export/csv';
import { XLSX_MIME, xlsxBytes } from '../export/xlsx';

export interface ExportRequest {
  format: 'xlsx' | 'csv';
  table: ReportTable;
}

export interface ExportFile { fileName: string; mime: string; bytes: Uint8Array }

export type ExportProgress = (done: number, total: number) => void;

export function exportReport({ format, table }: ExportRequest, onProgress?: ExportProgress): ExportFile {
  if (format === 'csv') {
    onProgress?.(1, 1);
    return { fileName: `${table.fileName}.csv`, mime: 'text/csv;charset=utf-8', bytes: csvBytes(table.sheets[0]!) };
  }
  return { fileName: `${table.fileName}.xlsx`, mime: XLSX_MIME, bytes: xlsxBytes(table, onProgress) };
}
