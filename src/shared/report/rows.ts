/**
 * The rows of a report, in the structure of "Reports the commune needs": the same list drives the screen table,
 * the printable page, XLSX and CSV, so every format shows the same figure under the same label.
 */
import { catalogue, OUTCOME_LABELS, type Outcome } from '../catalogue';
import type { ScopeCounts } from './counts';
import { deriveFigures, TARGETS, TARGET_KEYS, type DerivedFigures } from './targets';

export type FigureKind = 'count' | 'percent';
export interface FigureRow {
  key: string;
  vi: string;
  kind: FigureKind;
  value: (s: ScopeCounts, d: DerivedFigures) => number | null;
}
export interface ReportSection { key: string; vi: string; rows: FigureRow[] }

const count = (key: string, vi: string, value: FigureRow['value']): FigureRow => ({ key, vi, kind: 'count', value });
const pct = (key: string, vi: string, value: FigureRow['value']): FigureRow => ({ key, vi, kind: 'percent', value });
const item = (s: ScopeCounts, k: string) => s.items[k]!;
const has = (s: ScopeCounts, k: string) => item(s, k).state.had + item(s, k).state.done;

const ITEM_OUTCOMES: Outcome[] = ['done', 'guided', 'had', 'needs_help', 'not_needed', 'declined'];

function detailRows(itemKey: string, label: string): FigureRow[] {
  const it = catalogue().find((i) => i.key === itemKey);
  return (it?.details?.options ?? []).map((o) =>
    count(`${itemKey}.done.${o.key}`, `${label}: ${o.vi}`, (s) => item(s, itemKey).doneByDetail[o.key] ?? 0));
}

export function reportSections(staleDays: number): ReportSection[] {
  return [
    {
      key: 'households', vi: 'I. Hộ gia đình', rows: [
        count('households.total', 'Tổng số hộ', (s) => s.households.total),
        count('households.visitedInPeriod', 'Hộ được thăm trong kỳ', (s) => s.households.visitedInPeriod),
        count('households.visitedEver', 'Hộ đã được thăm (lũy kế)', (s) => s.households.visitedEver),
        pct('households.coveragePeriodPct', 'Tỷ lệ hộ được thăm trong kỳ (%)', (_, d) => d.coveragePeriodPct),
        pct('households.coverageEverPct', 'Tỷ lệ hộ đã được thăm, lũy kế (%)', (_, d) => d.coverageEverPct),
        count('households.priorityTotal', 'Hộ ưu tiên (cao tuổi, yếu thế, nghèo, ở xa, chưa có điện thoại thông minh)', (s) => s.households.priorityTotal),
        count('households.priorityReachedInPeriod', 'Hộ ưu tiên được thăm trong kỳ', (s) => s.households.priorityReachedInPeriod),
        count('households.priorityReachedEver', 'Hộ ưu tiên đã tiếp cận (lũy kế)', (s) => s.households.priorityReachedEver),
        count('households.priorityNotYet', 'Hộ ưu tiên chưa tiếp cận', (_, d) => d.priorityNotYet),
        count('households.notVisitedRecently', `Hộ chưa được thăm trong ${staleDays} ngày`, (s) => s.households.notVisitedRecently),
        count('visits.inPeriod', 'Lượt thăm trong kỳ', (s) => s.visits.inPeriod),
      ],
    },
    {
      key: 'highlights', vi: 'II. Kết quả chính trong kỳ', rows: [
        count('vneid_l1.done', 'Kích hoạt VNeID mức 1 (người)', (s) => item(s, 'vneid_l1').inPeriod.done),
        count('vneid_l2.done', 'Kích hoạt VNeID mức 2 (người)', (s) => item(s, 'vneid_l2').inPeriod.done),
        count('dvc_dossier.done', 'Hộ nộp hồ sơ dịch vụ công trực tuyến', (s) => item(s, 'dvc_dossier').inPeriod.done),
        ...detailRows('dvc_dossier', 'Hồ sơ'),
        count('bank_account.done', 'Mở tài khoản ngân hàng (người)', (s) => item(s, 'bank_account').inPeriod.done),
        count('mobile_banking.done', 'Cài đặt Mobile Banking (người)', (s) => item(s, 'mobile_banking').inPeriod.done),
        count('e_wallet.done', 'Mở ví điện tử (người)', (s) => item(s, 'e_wallet').inPeriod.done),
        ...detailRows('e_wallet', 'Ví điện tử'),
        count('qr_payment.has', 'Người dùng thanh toán QR (lũy kế)', (s) => has(s, 'qr_payment')),
        count('ecommerce_buy.has', 'Hộ mua sắm trên sàn TMĐT (lũy kế)', (s) => has(s, 'ecommerce_buy')),
        count('ecommerce_sell.has', 'Hộ đưa sản phẩm lên sàn TMĐT (lũy kế)', (s) => has(s, 'ecommerce_sell')),
        count('health_book.has', 'Người có sổ sức khỏe điện tử (lũy kế)', (s) => has(s, 'health_book')),
        count('fraud_safety.period', 'Hộ được hướng dẫn an toàn thông tin, phòng chống lừa đảo trong kỳ',
          (s) => item(s, 'fraud_safety').inPeriod.done + item(s, 'fraud_safety').inPeriod.guided),
      ],
    },
    {
      key: 'targets', vi: 'III. So với chỉ tiêu quốc gia (QĐ 411/QĐ-TTg)',
      rows: TARGET_KEYS.map((k) => pct(`target.${k}`, `${TARGETS[k].vi} (%, chỉ tiêu ≥ ${TARGETS[k].minPct} %)`,
        (_, d) => d.targets.find((t) => t.key === k)?.pct ?? null)),
    },
    {
      key: 'items', vi: 'IV. Kết quả theo từng nội dung trong kỳ (người hoặc hộ)',
      rows: catalogue().flatMap((it) => ITEM_OUTCOMES.slice(0, 4).map((o) =>
        count(`${it.key}.${o}`, `${it.vi} (${it.scope === 'person' ? 'người' : 'hộ'}) — ${OUTCOME_LABELS[o].vi}`, (s) => item(s, it.key).inPeriod[o]))),
    },
    {
      key: 'events', vi: 'V. Sự kiện', rows: [
        count('events.digitalDays', 'Ngày hội công nghệ số', (s) => s.events.digitalDays),
        count('events.groupSessions', 'Buổi sinh hoạt, hướng dẫn nhóm', (s) => s.events.groupSessions),
        count('events.attendance', 'Lượt người tham dự', (s) => s.events.attendance),
      ],
    },
    {
      key: 'team', vi: 'VI. Tổ công nghệ số cộng đồng', rows: [
        count('team.leaders', 'Tổ trưởng', (s) => s.team.byRole.commune_leader + s.team.byRole.hamlet_leader),
        count('team.deputies', 'Tổ phó', (s) => s.team.byRole.commune_deputy + s.team.byRole.hamlet_deputy),
        count('team.members', 'Thành viên', (s) => s.team.byRole.member),
        count('team.collaborators', 'Cộng tác viên', (s) => s.team.byRole.collaborator),
        count('team.size', 'Số thành viên của tổ (quy định 5–10)', (s) => s.team.size),
        count('visits.activeVolunteers', 'Thành viên đi thăm hộ trong kỳ', (s) => s.visits.activeVolunteers),
        count('team.joined', 'Kết nạp trong kỳ', (s) => s.team.joined),
        count('team.left', 'Rời tổ trong kỳ', (s) => s.team.left),
        count('team.pending', 'Đề nghị chờ phê duyệt', (s) => s.team.pending),
      ],
    },
    {
      key: 'followUps', vi: 'VII. Hẹn quay lại (tính đến hôm nay)', rows: [
        count('followUps.due', 'Hẹn trong 7 ngày tới', (s) => s.followUps.due),
        count('followUps.overdue', 'Quá hẹn', (s) => s.followUps.overdue),
      ],
    },
  ];
}

/** Every figure of a scope as key → value (what a submitted report stores as its snapshot). */
export function figureValues(s: ScopeCounts, staleDays: number): Record<string, number | null> {
  const d = deriveFigures(s);
  const out: Record<string, number | null> = {};
  for (const sec of reportSections(staleDays)) for (const r of sec.rows) out[r.key] = r.value(s, d);
  return out;
}
