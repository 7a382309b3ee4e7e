/**
 * How an open follow-up reads. `nextFollowUp` is the date set at the last visit that set one, while an item still
 * needs help; if the household was visited on or after that date and no new date was set, the appointment was kept
 * but the help is still owed: "cần quay lại, chưa hẹn ngày", not a red "quá hạn" beside a later visit.
 */
import { vnDate } from '../../shared/vn-date';

export type FollowUpStatus = 'upcoming' | 'overdue' | 'undated';

export function followUpStatus(nextFollowUp: string, lastVisitAt: string | null, today: string): FollowUpStatus {
  if (lastVisitAt && vnDate(lastVisitAt) >= nextFollowUp) return 'undated';
  return nextFollowUp <= today ? 'overdue' : 'upcoming';
}
