/** Past visits, newest first, each with its outcomes in words. Old catalogue versions still render (by key). */
import { catalogueItem, OUTCOME_LABELS } from '../../../shared/catalogue';
import type { Person, Visit } from '../../../shared/schema';
import { formatDate, formatTime, pick, t } from '../../i18n';
import { VISIT_KIND_LABEL } from './labels';

interface Props {
  visits: Visit[];
  persons: Pick<Person, 'id' | 'firstName'>[];
}

export function VisitHistory({ visits, persons }: Props) {
  const nameOf = (id: string | null) => (id ? persons.find((p) => p.id === id)?.firstName ?? '?' : null);
  return (
    <section aria-labelledby="history-h">
      <h2 id="history-h">{t('household.history')}</h2>
      {visits.length === 0 ? <p class="muted">{t('household.noVisits')}</p> : (
        <ul class="list" data-testid="visit-history">
          {visits.map((v) => (
            <li key={v.id} style={{ padding: '8px 0' }}>
              <strong>{formatDate(v.at)} {formatTime(v.at)}</strong> · {t(VISIT_KIND_LABEL[v.kind])}
              {v.amends && <span class="tag">{t('household.amendment')}</span>}
              <ul class="small">
                {v.outcomes.map((o, i) => {
                  const item = catalogueItem(o.item);
                  const who = nameOf(o.personId);
                  return <li key={i}>{item ? pick(item) : o.item}{who ? ` (${who})` : ''}: {pick(OUTCOME_LABELS[o.outcome])}</li>;
                })}
              </ul>
              {v.notes && <p class="small">{v.notes}</p>}
              {v.followUpOn && <p class="small">{t('household.followUpOn', { date: formatDate(v.followUpOn) })}</p>}
            </li>
          ))}
        </ul>
      )}
    </section>
  );
}
