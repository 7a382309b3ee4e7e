/**
 * Items the server refused stay visible with its reason (nothing vanishes). Discarding one is final — it never
 * reaches the server — so it takes a second tap that says so.
 */
import { dismissRejected, type OutboxItem } from '../../../data';
import { ConfirmButton } from '../../components/Confirm';
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
              <ConfirmButton label={t('sync.dismiss')} question={t('sync.dismissQuestion')} confirmLabel={t('sync.dismiss')}
                onConfirm={async () => { await dismissRejected(o.seq); }} />
            </div>
          </li>
        ))}
      </ul>
    </section>
  );
}
