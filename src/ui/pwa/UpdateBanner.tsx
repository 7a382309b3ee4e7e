/**
 * "Có phiên bản mới — Cập nhật". Stays until the volunteer agrees; when a visit draft is in the way it says so and
 * links straight to that draft (it may be in another household, left there yesterday).
 */
import { useEffect, useState } from 'preact/hooks';
import { dataLayer } from '../state/data';
import { t } from '../i18n';
import { applyUpdate, updateState } from './update';

function OpenDrafts() {
  const [ids, setIds] = useState<string[]>([]);
  useEffect(() => void dataLayer().then(({ listDrafts }) => listDrafts()).then((d) => setIds(d.map((x) => x.householdId))), []);
  return (
    <>
      {ids.map((id) => <p key={id}><a href={`/households/${id}/visit`} style={{ color: '#fff' }}>{t('update.openDraft')}</a></p>)}
    </>
  );
}

export function UpdateBanner() {
  const state = updateState.value;
  if (state === 'none') return null;
  return (
    <div class="update-banner stack" role="status" data-testid="update-banner">
      <p><strong>{t('update.ready')}</strong></p>
      {state === 'reload' && <p data-testid="update-elsewhere">{t('update.elsewhere')}</p>}
      {state === 'blocked-draft' && <p data-testid="update-blocked">{t('update.blockedDraft')}</p>}
      {state === 'blocked-draft' && <OpenDrafts />}
      {state === 'blocked-sync' && <p data-testid="update-blocked">{t('update.blockedSync')}</p>}
      <button type="button" class="btn block secondary" disabled={state === 'applying'} onClick={() => void applyUpdate()} data-testid="update-apply">
        {state === 'applying' ? t('update.applying') : state === 'reload' ? t('load.reload') : t('update.apply')}
      </button>
    </div>
  );
}
