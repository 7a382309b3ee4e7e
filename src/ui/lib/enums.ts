/**
 * Enum values the screens need, without importing src/shared/schema.ts at run time: that module builds zod
 * schemas at load, and zod alone would blow the first route's 60 KB budget. Types are imported (erased), and the
 * checks below fail to compile if the schema's enums change; tests/unit/ui-enums.test.ts compares the values.
 */
import type { Priority, Role, Visit } from '../../shared/schema';
import { vnDate } from '../../shared/vn-date';

type Same<A, B> = [A] extends [B] ? ([B] extends [A] ? true : false) : false;

export const PRIORITY_KEYS = ['elderly', 'vulnerable', 'poor', 'remote', 'noSmartphone'] as const;
export const VISIT_KINDS = ['home', 'group_session', 'phone', 'zalo'] as const;
export const LEADER_ROLES: readonly Role[] = ['commune_leader', 'commune_deputy', 'hamlet_leader', 'hamlet_deputy', 'admin'];
export const COMMUNE_ROLES: readonly Role[] = ['commune_leader', 'commune_deputy', 'admin'];
export const NO_PRIORITY: Priority = { elderly: false, vulnerable: false, poor: false, remote: false, noSmartphone: false };

export type PriorityKey = (typeof PRIORITY_KEYS)[number];
export type VisitKind = (typeof VISIT_KINDS)[number];

const priorityKeysMatch: Same<PriorityKey, keyof Priority> = true;
const visitKindsMatch: Same<VisitKind, Visit['kind']> = true;
void priorityKeysMatch;
void visitKindsMatch;

/** Today's date (YYYY-MM-DD) in Vietnam (UTC+7 all year): follow-ups are due by the commune's calendar, not UTC's. */
export function vietnamToday(nowMs: number = Date.now()): string {
  return vnDate(nowMs);
}
