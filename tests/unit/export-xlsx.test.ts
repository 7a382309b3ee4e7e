import { describe, expect, it } from 'vitest';
import { communeCounts, monthPeriod, reportTable } from '../../src/shared/report';
import { columnName, sheetName, xlsxBytes } from '../../src/worker/export/xlsx';
import { fixture, H1, H2, H3, HAMLETS, NOW, STALE_DAYS } from './report-fixtures';
import { readXlsx } from './export-helpers';

const period = monthPeriod(2026, 1);
const counts = communeCounts(fixture, { period, now: NOW, hamletIds: [H1, H2, H3], staleDays: STALE_DAYS });
const table = reportTable({
  counts, hamletNames: new Map(HAMLETS.map((h) => [h.id, h.name])), communeName: 'Tam Quang', period, hamletId: null,
  staleDays: STALE_DAYS, dataAsOf: '2026-02-10 10:00',
  text: { difficulties: 'Sóng điện thoại yếu ở bản Khe Đát & "Nà Hẩu" <trên núi>', recommendations: 'Xin thêm 2 điện thoại', commendations: 'Anh Lò Văn Hùng' },
});

describe('XLSX export', () => {
  const bytes = xlsxBytes(table);
  const { files, sheets } = readXlsx(bytes);

  it('is a zip with the parts a spreadsheet app needs', () => {
    expect(bytes[0]).toBe(0x50); // "PK"
    expect(bytes[1]).toBe(0x4b);
    for (const part of ['[Content_Types].xml', '_rels/.rels', 'xl/workbook.xml', 'xl/_rels/workbook.xml.rels', 'xl/styles.xml', 'xl/worksheets/sheet1.xml']) {
      expect(files[part], part).toBeTruthy();
    }
    expect([...sheets.keys()]).toEqual(['Báo cáo', 'Theo bản', 'Thông tin']);
    expect(files['xl/worksheets/sheet1.xml']).toMatch(/<col min="1" max="1" width="62" customWidth="1"\/>/);
  });

  it('reads back exactly the table: headers, Vietnamese text, numbers as numbers', () => {
    for (const sheet of table.sheets) {
      const rows = sheets.get(sheet.name)!;
      expect(rows[0]).toEqual(sheet.columns.map((c) => c.header));
      sheet.rows.forEach((row, r) => {
        expect(rows[r + 1]?.length ?? 0).toBeLessThanOrEqual(row.length);
        row.forEach((cell, c) => expect(rows[r + 1]?.[c]).toEqual(cell === null ? undefined : cell));
      });
    }
  });

  it('matches the figures', () => {
    const main = sheets.get('Báo cáo')!;
    expect(main[0]).toEqual(['Nội dung', 'Toàn xã Tam Quang', 'Bản Nà Hẩu', 'Bản Khe Đát', 'Bản Đồng Tâm']);
    const total = main.find((r) => r[0] === 'Tổng số hộ')!;
    expect(total.slice(1)).toEqual([4, 2, 2, 0]);
    expect(typeof total[1]).toBe('number');
    const coverage = main.find((r) => r[0] === 'Tỷ lệ hộ đã được thăm, lũy kế (%)')!;
    expect(coverage.slice(1)).toEqual([75, 100, 50]);
    expect(coverage).toHaveLength(4); // the empty hamlet has no percentage: an empty cell, not 0
    const byHamlet = sheets.get('Theo bản')!;
    expect(byHamlet[1]?.slice(0, 4)).toEqual(['Bản Nà Hẩu', 2, 2, 2]);
    expect(sheets.get('Thông tin')!.find((r) => r[0] === 'Khó khăn, vướng mắc')?.[1]).toBe('Sóng điện thoại yếu ở bản Khe Đát & "Nà Hẩu" <trên núi>');
  });

  it('bolds the section headings only: an empty hamlet\'s figures stay figure rows ("—" on screen, plain in the file)', () => {
    const h3 = reportTable({ counts, hamletNames: new Map(HAMLETS.map((h) => [h.id, h.name])), communeName: 'Tam Quang', period, hamletId: H3, staleDays: STALE_DAYS, dataAsOf: '' });
    const main = h3.sheets[0]!;
    const empty = main.rows.map((r, i) => [i, r] as const).filter(([i, r]) => r[1] === null && !main.headings!.includes(i));
    expect(empty.map(([, r]) => r[0])).toContain('Tỷ lệ hộ được thăm trong kỳ (%)');
    expect(main.headings!.every((i) => main.rows[i]!.slice(1).every((c) => c === null))).toBe(true);
    const xml = readXlsx(xlsxBytes(h3)).files['xl/worksheets/sheet1.xml']!;
    const bold = [...xml.matchAll(/<row r="(\d+)">(<c[^>]* s="1")/g)].map((m) => Number(m[1]) - 2).filter((r) => r >= 0);
    expect(bold).toEqual(main.headings);
  });

  it('reports progress per sheet', () => {
    const seen: string[] = [];
    xlsxBytes(table, (done, total) => seen.push(`${done}/${total}`));
    expect(seen).toEqual(['1/3', '2/3', '3/3']);
  });
});

describe('XLSX helpers', () => {
  it('names columns like a spreadsheet', () => {
    expect([0, 25, 26, 27, 701, 702].map(columnName)).toEqual(['A', 'Z', 'AA', 'AB', 'ZZ', 'AAA']);
  });
  it('makes valid, unique sheet names', () => {
    const taken = new Set<string>();
    expect(sheetName('Báo cáo [tháng 1/2026]', taken)).toBe('Báo cáo  tháng 1 2026');
    expect(sheetName('Báo cáo  tháng 1 2026', taken)).toBe('Báo cáo  tháng 1 2026 2');
    expect(sheetName('x'.repeat(40), taken)).toHaveLength(31);
  });
  it('drops control characters that would make the file unreadable', () => {
    const t = { title: 't', fileName: 'f', sheets: [{ name: 'S', columns: [{ header: 'A\u0001B', width: 10, kind: 'text' as const }], rows: [[NaN]] }] };
    const { sheets } = readXlsx(xlsxBytes(t));
    expect(sheets.get('S')).toEqual([['AB']]);
  });
});
