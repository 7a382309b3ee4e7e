import { describe, expect, it } from 'vitest';
import { communeCounts, monthPeriod, reportTable } from '../../src/shared/report';
import { csvBytes, sheetToCsv } from '../../src/worker/export/csv';
import { fixture, H1, H2, H3, HAMLETS, NOW, STALE_DAYS } from './report-fixtures';
import { parseCsv } from './export-helpers';

const period = monthPeriod(2026, 1);
const counts = communeCounts(fixture, { period, now: NOW, hamletIds: [H1, H2, H3], staleDays: STALE_DAYS });
const table = reportTable({
  counts, hamletNames: new Map(HAMLETS.map((h) => [h.id, h.name])), communeName: 'Tam Quang', period, hamletId: null,
  staleDays: STALE_DAYS, dataAsOf: '2026-02-10 10:00',
});

describe('CSV export', () => {
  const main = table.sheets[0]!;
  const bytes = csvBytes(main);

  it('starts with the UTF-8 byte-order mark so Excel shows Vietnamese correctly', () => {
    expect([...bytes.slice(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
  });

  it('keeps diacritics and reads back to the same figures', () => {
    const text = new TextDecoder('utf-8', { ignoreBOM: true }).decode(bytes);
    expect(text.charCodeAt(0)).toBe(0xfeff);
    const rows = parseCsv(text.slice(1));
    expect(rows[0]).toEqual(['Nội dung', 'Toàn xã Tam Quang', 'Bản Nà Hẩu', 'Bản Khe Đát', 'Bản Đồng Tâm']);
    expect(rows).toHaveLength(main.rows.length + 1);
    main.rows.forEach((row, r) => expect(rows[r + 1]).toEqual(row.map((c) => (c === null ? '' : String(c)))));
    expect(rows.find((r) => r[0] === 'Tổng số hộ')).toEqual(['Tổng số hộ', '4', '2', '2', '0']);
    expect(rows.find((r) => r[0] === 'Kích hoạt VNeID mức 1 (người)')).toEqual(['Kích hoạt VNeID mức 1 (người)', '1', '1', '0', '0']);
  });

  it('quotes commas, quotes and line breaks and defuses formulas', () => {
    const csv = sheetToCsv({
      name: 's', columns: [{ header: 'Ghi chú', width: 10, kind: 'text' }, { header: 'Số', width: 5, kind: 'count' }],
      rows: [['Hộ "bà Hoa", xóm 2\r\ndòng 2', 3], ['=HYPERLINK("x")', null]],
    });
    expect(parseCsv(csv.slice(1))).toEqual([['Ghi chú', 'Số'], ['Hộ "bà Hoa", xóm 2\r\ndòng 2', '3'], ['\'=HYPERLINK("x")', '']]);
  });
});
