/**
 * Says whether the app is on the phone for use without signal (offline.ts). Nothing while that is unknown; on the
 * sync screen (`always`) also when it is ready, so a leader can check a phone before the volunteer walks out.
 */
import { t } from '../i18n';
import { offlineState } from './offline';

export function OfflineNotice({ always = false }: { always?: boolean }) {
  const state = offlineState.value;
  if (state === 'unknown' || (state === 'ready' && !always)) return null;
  if (state === 'ready') return <p class="notice small" data-testid="offline-state" data-state={state}>{t('offline.ready')}</p>;
  return (
    <p class="notice warn small" role="status" data-testid="offline-state" data-state={state}>
      {t(state === 'failed' ? 'offline.failed' : 'offline.downloading')}
    </p>
  );
}
