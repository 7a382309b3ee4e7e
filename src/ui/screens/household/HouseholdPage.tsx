/**
 * One household: who lives there, the current state of each checklist item (derived from visits, never typed),
 * the next follow-up, "edited on two phones" flags and the visit history.
 */
import { useEffect, useState } from 'preact/hooks';
import { useRoute } from 'preact-iso';
import { getDraft } from '../../../data';
import { PRIORITY_KEYS, vietnamToday } from '../../lib/enums';
import { followUpStatus, type FollowUpStatus } from '../../../shared/follow-up';
import { formatDate, t } from '../../i18n';
import { Screen, Loading } from '../../components/Screen';
import { PRIORITY_LABEL } from './labels';
import { useHousehold } from './useHousehold';
import { ItemStateTable } from './ItemStateTable';
import { VisitHistory } from './VisitHistory';
import { ConflictFlags } from './ConflictFlags';

function FollowUpNotice({ date, status }: { date: string; status: FollowUpStatus }) {
  if (status === 'undated') return <p class="notice warn" data-testid="follow-up">{t('household.followUpUndated', { date: formatDate(date) })}</p>;
  if (status === 'overdue') return <p class="notice danger" data-testid="follow-up" data-overdue="true"><strong>{t('household.overdueFollowUp', { date: formatDate(date) })}</strong></p>;
  return <p class="notice warn" data-testid="follow-up">{t('household.nextFollowUp', { date: formatDate(date) })}</p>;
}

export function HouseholdPage() {
  const { params } = useRoute();
  const d = useHousehold(params.id);
  const [hasDraft, setHasDraft] = useState(false);
  useEffect(() => { if (params.id) void getDraft(params.id).then((x) => setHasDraft(!!x)); }, [params.id]);
  if (d === undefined) return <Screen title={t('household.title')}><Loading /></Screen>;
  if (d === null) return <Screen title={t('household.title')}><p class="notice warn">{t('household.notFound')}</p><a class="btn" href="/households">{t('common.back')}</a></Screen>;
  const h = d.household;
  const place = [h.houseNo && t('list.houseNo', { no: h.houseNo }), h.alley].filter(Boolean).join(' · ');
  return (
    <Screen title={h.label}>
      <div>
        <h2 style={{ marginTop: 0 }}>{h.label} {d.demo && <span class="tag demo">DEMO</span>}</h2>
        {place && <p>{place}</p>}
        {h.phone && <p>{t('form.phone')}: <a href={`tel:${h.phone}`}>{h.phone}</a></p>}
        <div>{PRIORITY_KEYS.filter((k) => h.priority[k]).map((k) => <span key={k} class="tag warn">{t(PRIORITY_LABEL[k])}</span>)}</div>
        {d.unsynced > 0 && <p class="small muted">{t('household.unsynced', { n: d.unsynced })}</p>}
      </div>
      <a class="btn block big" href={`/households/${h.id}/visit`} data-testid="start-visit">
        {hasDraft ? t('household.continueVisit') : t('household.recordVisit')}
      </a>
      {d.nextFollowUp && <FollowUpNotice date={d.nextFollowUp} status={followUpStatus(d.nextFollowUp, d.lastVisitAt, vietnamToday())} />}
      <ConflictFlags conflicts={[...h.conflicts, ...d.persons.flatMap((p) => p.conflicts)]} />
      <section aria-labelledby="members-h">
        <h2 id="members-h">{t('household.members')}</h2>
        {d.persons.length === 0 ? <p class="muted">{t('household.noMembers')}</p> : (
          <ul>
            {d.persons.map((p) => (
              <li key={p.id}>{p.firstName}{p.birthYear ? ` (${p.birthYear})` : ''}{p.hasSmartphone ? '' : ` — ${t('household.noSmartphone')}`}</li>
            ))}
          </ul>
        )}
      </section>
      <ItemStateTable state={d.state} persons={d.persons} producer={h.producer} />
      <VisitHistory visits={d.visits} persons={d.persons} />
      <a class="btn block secondary" href={`/households/${h.id}/edit`}>{t('household.edit')}</a>
    </Screen>
  );
}
