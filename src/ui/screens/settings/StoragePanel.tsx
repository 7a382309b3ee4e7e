/**
 * Is our data safe on this phone? Persisted or not, usage/quota, and a plain warning when the browser may delete
 * it — on iPhones Safari erases site data after 7 days without a visit unless the app is on the Home Screen.
 */
import { useEffect, useState } from 'preact/hooks';
import { requestPersistence, storageStatus, type StorageStatus } from '../../../data';
import { formatBytes, t } from '../../i18n';
import { IosInstallHint } from './IosInstallHint';
import { Icon } from '../../components/Icon';

export function StoragePanel() {
  const [s, setS] = useState<StorageStatus | null>(null);
  const refresh = () => void storageStatus().then(setS);
  useEffect(refresh, []);
  if (!s) return null;
  return (
    <section class="stack" aria-labelledby="storage-h" data-testid="storage-panel">
      <h2 id="storage-h">{t('storage.title')}</h2>
      <p>
        {s.persisted !== null && <Icon name={s.persisted ? 'check' : 'cross'} />}{' '}
        {s.persisted === true ? t('storage.persisted') : s.persisted === false ? t('storage.notPersisted') : t('storage.unknown')}
      </p>
      {s.usageBytes !== null && s.quotaBytes !== null && (
        <p>{t('storage.usage', { used: formatBytes(s.usageBytes), quota: formatBytes(s.quotaBytes) })}</p>
      )}
      {s.mayEvict && <p class="notice warn" role="note">{s.isIOS && !s.standalone ? t('storage.iosWarning') : t('storage.evictWarning')}</p>}
      {s.persisted === false && (
        <button type="button" class="btn block secondary" onClick={() => void requestPersistence().then(refresh)}>{t('storage.ask')}</button>
      )}
      {s.isIOS && !s.standalone && <IosInstallHint />}
    </section>
  );
}
