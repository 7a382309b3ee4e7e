/**
 * Percentages and national targets, derived from counts only (client and server share this, so rounding agrees).
 * Targets from Decision 411/QĐ-TTg that the commune compares against.
 */
import type { ScopeCounts } from './counts';
import { TEAM_SIZE_MAX, TEAM_SIZE_MIN } from './counts';

/** Percent with one decimal; null when there is nothing to divide by (an empty hamlet is "—", not 0 %). */
export function percent(part: number, whole: number): number | null {
  return whole > 0 ? Math.round((1000 * part) / whole) / 10 : null;
}

export const TARGET_KEYS = ['payment_account', 'smartphone', 'health_record'] as const;
export type TargetKey = (typeof TARGET_KEYS)[number];

export const TARGETS: Record<TargetKey, { vi: string; en: string; minPct: number; source: string }> = {
  payment_account: { vi: 'Người từ 15 tuổi có tài khoản thanh toán', en: 'People 15+ with a payment account', minPct: 80, source: 'QĐ 411/QĐ-TTg' },
  smartphone: { vi: 'Người trưởng thành có điện thoại thông minh', en: 'Adults with a smartphone', minPct: 80, source: 'QĐ 411/QĐ-TTg' },
  health_record: { vi: 'Người dân có sổ sức khỏe điện tử', en: 'People with an electronic health record', minPct: 90, source: 'QĐ 411/QĐ-TTg' },
};

export interface TargetFigure { key: TargetKey; part: number; whole: number; pct: number | null; minPct: number; met: boolean }

export function targetFigures(s: ScopeCounts): TargetFigure[] {
  const parts: Record<TargetKey, [number, number]> = {
    payment_account: [s.people.aged15PlusWithPayment, s.people.aged15Plus],
    smartphone: [s.people.adultsWithSmartphone, s.people.adults],
    health_record: [s.people.withHealthBook, s.people.total],
  };
  return TARGET_KEYS.map((key) => {
    const [part, whole] = parts[key];
    const pct = percent(part, whole);
    return { key, part, whole, pct, minPct: TARGETS[key].minPct, met: pct !== null && pct >= TARGETS[key].minPct };
  });
}

export interface DerivedFigures {
  coverageEverPct: number | null;
  coveragePeriodPct: number | null;
  priorityNotYet: number;
  targets: TargetFigure[];
  /** The plan's rule: a team has 5–10 members (collaborators beyond that). */
  teamSizeOk: boolean;
}

export function deriveFigures(s: ScopeCounts): DerivedFigures {
  const h = s.households;
  return {
    coverageEverPct: percent(h.visitedEver, h.total),
    coveragePeriodPct: percent(h.visitedInPeriod, h.total),
    priorityNotYet: h.priorityTotal - h.priorityReachedEver,
    targets: targetFigures(s),
    teamSizeOk: s.team.size >= TEAM_SIZE_MIN && s.team.size <= TEAM_SIZE_MAX,
  };
}
