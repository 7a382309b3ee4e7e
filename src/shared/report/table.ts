/**
 * The report table model: what XLSX, CSV, the printable page and the on-screen table are all made from.
 * Cells are numbers (kept as numbers in XLSX), text, or null (nothing to show — e.g. a percentage of an empty hamlet).
 */
import type { ReportPeriod } from '../schema';
import type { ScopeCounts } from './counts';
import { periodLabel } from './period';
import type { CommuneCounts } from './report';
import { reportSections } from './rows';
import { deriveFigures } from './targets';

export type TableCell = string | number | null;
export interface TableColumn { header: string; /** Width in characters. */ width: number; kind: 'text' | 'count' | 'percent' }
/** `headings`: indices of the rows that are section headings (text in the first cell only). A figure row whose values
 *  are all empty (a percentage of an empty hamlet) is not one: it shows "—". */
export interface TableSheet { name: string; columns: TableColumn[]; rows: TableCell[][]; headings?: number[] }
export interface ReportTable { title: string; fileName: string; sheets: TableSheet[] }

export interface LeaderText { difficulties: string; recommendations: string; commendations: string }

export interface TableOptions {
  counts: CommuneCounts;
  hamletNames: ReadonlyMap<string, string>;
  communeName: string;
  period: ReportPeriod;
  /** null = the commune report (all hamlets side by side); a hamlet id = that hamlet's report. */
  hamletId: string | null;
  staleDays: number;
  dataAsOf: string;
  text?: LeaderText;
}

const slug = (s: string) => s.normalize('NFD').replace(/[\u0300-\u036f]/g, '').replace(/[đĐ]/g, 'd').replace(/[^A-Za-z0-9]+/g, '-').replace(/^-|-$/g, '').toLowerCase();

export function reportTable(o: TableOptions): ReportTable {
  const name = (s: ScopeCounts) => (s.hamletId === null ? `Toàn xã ${o.communeName}` : o.hamletNames.get(s.hamletId) ?? 'Bản (không rõ tên)');
  const scopes: ScopeCounts[] = o.hamletId === null
    ? [o.counts.commune, ...o.counts.hamlets]
    : o.counts.hamlets.filter((s) => s.hamletId === o.hamletId);
  const derived = scopes.map(deriveFigures);
  const unitName = o.hamletId === null ? `xã ${o.communeName}` : name(scopes[0] ?? o.counts.commune);
  const title = `Báo cáo Tổ công nghệ số cộng đồng ${unitName} — ${periodLabel(o.period)}`;

  const rows: TableCell[][] = [], headings: number[] = [];
  for (const sec of reportSections(o.staleDays)) {
    headings.push(rows.length);
    rows.push([sec.vi, ...scopes.map(() => null)]);
    for (const r of sec.rows) rows.push([r.vi, ...scopes.map((s, i) => r.value(s, derived[i]!))]);
  }
  const sheets: TableSheet[] = [
    {
      name: 'Báo cáo',
      columns: [{ header: 'Nội dung', width: 62, kind: 'text' }, ...scopes.map((s) => ({ header: name(s), width: 14, kind: 'count' as const }))],
      rows, headings,
    },
  ];
  if (o.hamletId === null) {
    sheets.push({
      name: 'Theo bản',
      columns: [
        { header: 'Bản', width: 24, kind: 'text' }, { header: 'Tổng số hộ', width: 12, kind: 'count' },
        { header: 'Hộ được thăm trong kỳ', width: 14, kind: 'count' }, { header: 'Hộ đã được thăm (lũy kế)', width: 14, kind: 'count' },
        { header: 'Tỷ lệ trong kỳ (%)', width: 12, kind: 'percent' }, { header: 'Tỷ lệ lũy kế (%)', width: 12, kind: 'percent' },
        { header: 'Hộ ưu tiên chưa tiếp cận', width: 14, kind: 'count' }, { header: 'Lượt thăm trong kỳ', width: 12, kind: 'count' },
        { header: 'Quá hẹn', width: 10, kind: 'count' },
      ],
      rows: o.counts.hamlets.map((s) => {
        const d = deriveFigures(s);
        return [name(s), s.households.total, s.households.visitedInPeriod, s.households.visitedEver, d.coveragePeriodPct,
          d.coverageEverPct, d.priorityNotYet, s.visits.inPeriod, s.followUps.overdue];
      }),
    });
  }
  const info: TableCell[][] = [
    ['Đơn vị', unitName], ['Kỳ báo cáo', periodLabel(o.period)], ['Từ ngày', o.period.from], ['Đến ngày', o.period.to],
    ['Số liệu tính đến', o.dataAsOf],
  ];
  if (o.text) {
    info.push(['Khó khăn, vướng mắc', o.text.difficulties], ['Đề xuất, kiến nghị', o.text.recommendations],
      ['Đề nghị khen thưởng', o.text.commendations]);
  }
  sheets.push({ name: 'Thông tin', columns: [{ header: 'Mục', width: 24, kind: 'text' }, { header: 'Nội dung', width: 80, kind: 'text' }], rows: info });
  const fileName = `bao-cao-${slug(unitName)}-${o.period.from}-${o.period.to}`;
  return { title, fileName, sheets };
}
