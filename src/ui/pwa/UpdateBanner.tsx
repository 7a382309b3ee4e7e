/** "Có phiên bản mới — Cập nhật". Stays until the volunteer agrees; explains when a draft or a sync is in the way. */
import { t } from '../i18n';
import { applyUpdate, updateState } from './update';

export function UpdateBanner() {
  const state = updateState.value;
  if (state === 'none') return null;
  return (
    <div class="update-banner stack" role="status" data-testid="update-banner">
      <p><strong>{t('update.ready')}</strong></p>
      {state === 'blocked-draft' && <p data-testid="update-blocked">{t('update.blockedDraft')}</p>}
      {state === 'blocked-sync' && <p data-testid="update-blocked">{t('update.blockedSync')}</p>}
      <button type="button" class="btn block secondary" disabled={state === 'applying'} onClick={() => void applyUpdate()} data-testid="update-apply">
        {state === 'applying' ? t('update.applying') : t('update.apply')}
      </button>
    </div>
  );
}
