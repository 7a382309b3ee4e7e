/**
 * The raw counts of a report, per hamlet and for the commune: the one shape both the client (JS over local data)
 * and the server (SQL over synced data) produce. Percentages and targets are derived from these counts by one
 * function (targets.ts), so the two sides cannot disagree on rounding.
 */
import { ITEM_KEYS, OUTCOMES, type Outcome } from '../catalogue';
import type { Household, Member, Person, TeamEvent, Visit } from '../schema';
import { ROLES, type Role } from '../schema';
import type { PreparedVisits } from './prepared';

/** The fields a figure reads; the server passes rows of the same shape. */
export type HouseholdRow = Pick<Household, 'id' | 'hamletId' | 'priority'>;
export type PersonRow = Pick<Person, 'id' | 'householdId' | 'birthYear' | 'hasSmartphone'>;
export type VisitRow = Pick<Visit, 'id' | 'householdId' | 'memberId' | 'at' | 'outcomes' | 'followUpOn' | 'amends'> & {
  /** Optional: Date.parse(at), when the loader already has it (a digest stores times as numbers). Must agree with `at`. */
  ms?: number;
};
export type EventRow = Pick<TeamEvent, 'id' | 'hamletIds' | 'kind' | 'on' | 'attendance'>;
export type MemberRow = Pick<Member, 'id' | 'role' | 'hamletIds' | 'joinedOn' | 'leftOn' | 'status'>;

export interface ReportInput {
  households: readonly HouseholdRow[];
  persons: readonly PersonRow[];
  visits: readonly VisitRow[];
  events: readonly EventRow[];
  members: readonly MemberRow[];
  /**
   * Optional: the same visits already grouped by householdId (a per-household digest has them so). When given, the
   * figures read visits from here and not from `visits` (which may then be empty); order within a group is free.
   */
  visitsByHousehold?: ReadonlyMap<string, readonly VisitRow[]>;
  /**
   * Optional (D-R4): people and visits already encoded for the figures (prepareVisits' result, or a columnar facts
   * bundle merged by preparedFromColumns). When given, the figures read people and visits only from here — `persons`,
   * `visits` and `visitsByHousehold` are ignored — and it must cover every household of `households`.
   */
  prepared?: PreparedVisits;
}

export type OutcomeCounts = Record<Outcome, number>;

export interface ItemCounts {
  /** Cells (people or households) by their latest outcome as of the end of the period. */
  state: OutcomeCounts;
  /** Cells by their latest outcome recorded within the period (a cell counts once). */
  inPeriod: OutcomeCounts;
  /** Distinct cells marked "done" in the period per detail (e-wallet provider, dossier kind, …). */
  doneByDetail: Record<string, number>;
}

export interface ScopeCounts {
  /** null = the whole commune. */
  hamletId: string | null;
  households: {
    total: number;
    visitedInPeriod: number;
    /** Visited at least once by the end of the period. */
    visitedEver: number;
    priorityTotal: number;
    priorityReachedInPeriod: number;
    priorityReachedEver: number;
    /** No visit in the last `staleDays` before `now` (never visited included). */
    notVisitedRecently: number;
  };
  people: {
    total: number;
    aged15Plus: number;
    aged15PlusWithPayment: number;
    adults: number;
    adultsWithSmartphone: number;
    withHealthBook: number;
  };
  items: Record<string, ItemCounts>;
  visits: { inPeriod: number; activeVolunteers: number };
  /** As of `now`: households with an open follow-up due within FOLLOW_UP_DUE_DAYS, or already overdue. */
  followUps: { due: number; overdue: number };
  events: { digitalDays: number; groupSessions: number; attendance: number };
  team: {
    /** On the team at the end of the period (approved, joined, not yet left); admins excluded. */
    byRole: Record<Role, number>;
    /** Team size for the plan's 5–10 rule: leaders, deputies and members, not collaborators. */
    size: number;
    joined: number;
    left: number;
    /** Proposed, waiting for the commune chair's approval. */
    pending: number;
  };
}

export const FOLLOW_UP_DUE_DAYS = 7;
export const STALE_DAYS_DEFAULT = 90;
export const TEAM_SIZE_MIN = 5;
export const TEAM_SIZE_MAX = 10;

export const zeroOutcomes = (): OutcomeCounts => Object.fromEntries(OUTCOMES.map((o) => [o, 0])) as OutcomeCounts;

export function emptyScope(hamletId: string | null): ScopeCounts {
  return {
    hamletId,
    households: { total: 0, visitedInPeriod: 0, visitedEver: 0, priorityTotal: 0, priorityReachedInPeriod: 0, priorityReachedEver: 0, notVisitedRecently: 0 },
    people: { total: 0, aged15Plus: 0, aged15PlusWithPayment: 0, adults: 0, adultsWithSmartphone: 0, withHealthBook: 0 },
    items: Object.fromEntries(ITEM_KEYS.map((k) => [k, { state: zeroOutcomes(), inPeriod: zeroOutcomes(), doneByDetail: {} }])),
    visits: { inPeriod: 0, activeVolunteers: 0 },
    followUps: { due: 0, overdue: 0 },
    events: { digitalDays: 0, groupSessions: 0, attendance: 0 },
    team: { byRole: Object.fromEntries(ROLES.map((r) => [r, 0])) as Record<Role, number>, size: 0, joined: 0, left: 0, pending: 0 },
  };
}
