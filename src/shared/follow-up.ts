/**
 * How an open follow-up reads. `nextFollowUp` is the date set at the last visit that set one, while an item still
 * needs help. Overdue = before today (docs/reports.md), as in the leader's figures. If the household was visited
 * after that date and no new date was set, the appointment was kept but the help is still owed: "cần quay lại, chưa
 * hẹn ngày", not a red "quá hạn" beside a later visit. Only a visit on a later day counts (the list knows the last
 * visit, not which one set the date, and the visit that sets a date for today is on that day).
 */
import { vnDate } from './vn-date';

export type FollowUpStatus = 'upcoming' | 'overdue' | 'undated';

/** Visited on a day after the follow-up date (and so no new date was set since): "chưa hẹn ngày". */
export function visitedAfter(nextFollowUp: string, lastVisitAt: string | null): boolean {
  return lastVisitAt !== null && vnDate(lastVisitAt) > nextFollowUp;
}

export function followUpStatus(nextFollowUp: string, lastVisitAt: string | null, today: string): FollowUpStatus {
  if (visitedAfter(nextFollowUp, lastVisitAt)) return 'undated';
  return nextFollowUp < today ? 'overdue' : 'upcoming';
}
