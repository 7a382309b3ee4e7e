/** One household in the list: label, house/alley, priority badges, last visit or open follow-up. */
import type { HouseholdSummary } from '../../../data';
import { PRIORITY_KEYS } from '../../lib/enums';
import { formatDate, t } from '../../i18n';
import { PRIORITY_LABEL } from '../household/labels';
import { vietnamToday } from '../../lib/enums';
import { followUpStatus, type FollowUpStatus } from '../../../shared/follow-up';

function FollowUpTag({ date, status }: { date: string; status: FollowUpStatus }) {
  if (status === 'undated') return <span class="tag warn">{t('list.followUpUndated')}</span>;
  return <span class={`tag ${status === 'overdue' ? 'danger' : 'warn'}`}>{t('list.followUp', { date: formatDate(date) })}</span>;
}

export function HouseholdRow({ h }: { h: HouseholdSummary }) {
  const place = [h.houseNo && t('list.houseNo', { no: h.houseNo }), h.alley].filter(Boolean).join(' · ');
  const today = vietnamToday();
  return (
    <li>
      <a class="rowlink" href={`/households/${h.id}`}>
        <strong>{h.label}</strong>
        {place && <div class="small">{place}</div>}
        <div>
          {PRIORITY_KEYS.filter((k) => h.priority[k]).map((k) => <span key={k} class="tag warn">{t(PRIORITY_LABEL[k])}</span>)}
          {h.nextFollowUp && <FollowUpTag date={h.nextFollowUp} status={followUpStatus(h.nextFollowUp, h.lastVisitAt, today)} />}
          {h.hasConflicts && <span class="tag danger">{t('household.conflictTag')}</span>}
        </div>
        <div class="small muted">
          {h.lastVisitAt ? t('list.lastVisit', { date: formatDate(h.lastVisitAt) }) : t('list.neverVisited')}
        </div>
      </a>
    </li>
  );
}
