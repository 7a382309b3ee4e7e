/**
 * CSV in UTF-8 with a byte-order mark: without the BOM, Excel on Windows reads the file as the local code page and
 * "Tổng số hộ" turns into mojibake. RFC 4180 quoting; CRLF line ends (what Excel writes); numbers unformatted.
 */
import type { TableCell, TableSheet } from '../../shared/report';

export const CSV_BOM = '\uFEFF';

function csvCell(cell: TableCell): string {
  if (cell === null) return '';
  if (typeof cell === 'number') return Number.isFinite(cell) ? String(cell) : '';
  // A leading =, +, - or @ would be run as a formula by spreadsheet apps (CSV injection): prefix a quote.
  const text = /^[=+\-@]/.test(cell) ? `'${cell}` : cell;
  return /[",\r\n;]/.test(text) ? `"${text.replace(/"/g, '""')}"` : text;
}

export function sheetToCsv(sheet: TableSheet): string {
  const lines = [sheet.columns.map((c) => csvCell(c.header)), ...sheet.rows.map((r) => r.map(csvCell))];
  return CSV_BOM + lines.map((l) => l.join(',')).join('\r\n') + '\r\n';
}

/** The CSV file as bytes (UTF-8, BOM first). */
export function csvBytes(sheet: TableSheet): Uint8Array {
  return new TextEncoder().encode(sheetToCsv(sheet));
}
