/** Items the server refused stay visible with its reason until the volunteer has read them (nothing vanishes). */
import { dismissRejected, type OutboxItem } from '../../../data';
import { formatDate, t } from '../../i18n';

export function RejectedList({ items }: { items: OutboxItem[] }) {
  if (!items.length) return null;
  return (
    <section aria-labelledby="rejected-h">
      <h2 id="rejected-h">{t('sync.rejectedTitle')}</h2>
      <ul class="list">
        {items.map((o) => (
          <li key={o.seq} style={{ padding: '8px 0' }}>
            <strong>{t(`mutation.${o.type}`)}</strong> · {formatDate(o.createdAt)}
            <p class="small">{o.status === 'conflict' ? t('sync.conflictReason') : ''} {o.reason ?? ''}</p>
            <div class="row">
              {o.householdId && <a class="btn secondary" href={`/households/${o.householdId}`}>{t('sync.openHousehold')}</a>}
              <button type="button" class="btn secondary" onClick={() => void dismissRejected(o.seq)}>{t('sync.dismiss')}</button>
            </div>
          </li>
        ))}
      </ul>
    </section>
  );
}
