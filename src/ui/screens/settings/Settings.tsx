/** Settings: storage safety first (it decides whether data survives), then language, hamlet, demo and device. */
import { useLocation } from 'preact-iso';
import { useState } from 'preact/hooks';
import { forgetDevice, UnsyncedDataError } from '../../../data';
import { removeDemo } from '../../../data/edits';
import { t } from '../../i18n';
import { refreshSession, session, isLeader } from '../../state/session';
import { Screen } from '../../components/Screen';
import { ConfirmButton } from '../../components/Confirm';
import { StoragePanel } from './StoragePanel';
import { stopBackgroundSync } from '../../lib/sync';
import { LanguageSwitch } from './LanguageSwitch';
import { dropAllKeptForms } from '../household/keptForm';

export function Settings() {
  const { route } = useLocation();
  const [error, setError] = useState<string | null>(null);
  const s = session.value;

  async function afterRemoval() {
    dropAllKeptForms();
    const next = await refreshSession();
    route(next ? '/households' : '/welcome', true);
  }

  return (
    <Screen title={t('settings.title')}>
      {s?.device && (
        <p>{t('settings.enrolledAs', { name: s.device.member.name, commune: s.device.commune.name })}</p>
      )}
      <StoragePanel />
      <LanguageSwitch />
      {(s?.hamlets.length ?? 0) > 1 && <a class="btn block secondary" href="/hamlets">{t('list.changeHamlet')}</a>}
      {isLeader.value && s?.device && <a class="btn block secondary" href="/codes">{t('codes.open')}</a>}
      {s?.demo && (
        <section class="stack" aria-labelledby="demo-h">
          <h2 id="demo-h">{t('settings.demo')}</h2>
          <p>{t('settings.demoText')}</p>
          <ConfirmButton label={t('settings.removeDemo')} question={t('settings.removeDemoQuestion')} confirmLabel={t('settings.removeDemo')}
            onConfirm={async () => { await removeDemo(); await afterRemoval(); }} />
        </section>
      )}
      {!s?.demo && !s?.device && <a class="btn block secondary" href="/welcome">{t('settings.toWelcome')}</a>}
      {s?.device && (
        <section class="stack" aria-labelledby="forget-h">
          <h2 id="forget-h">{t('settings.forget')}</h2>
          <p>{t('settings.forgetText')}</p>
          <ConfirmButton label={t('settings.forget')} question={t('settings.forgetQuestion')} confirmLabel={t('settings.forget')}
            onConfirm={async () => {
              try {
                await forgetDevice();
                stopBackgroundSync();
                await afterRemoval();
              } catch (e) {
                setError(e instanceof UnsyncedDataError ? t('settings.forgetUnsynced', { n: e.pending }) : String(e));
              }
            }} />
          {error && <p class="error" role="alert">{error}</p>}
        </section>
      )}
      <p class="small muted">{t('settings.version', { v: __APP_VERSION__ })}</p>
    </Screen>
  );
}
