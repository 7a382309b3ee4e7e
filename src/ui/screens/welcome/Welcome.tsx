/**
 * First run: enrol with a code from the team leader (typed or scanned) or try the app with the demo commune.
 * Either way the app then opens on the volunteer's hamlet. Persistence is asked for right after, not on first paint:
 * browsers grant it more readily after a meaningful action, and a refused prompt on an empty app helps nobody.
 */
import { lazy, Suspense } from 'preact/compat';
import { useState } from 'preact/hooks';
import { useLocation } from 'preact-iso';
import { isIOS, isStandalone, requestPersistence } from '../../../data';
import { loadDemo } from '../../../data/edits';
import { t } from '../../i18n';
import { refreshSession } from '../../state/session';
import { Screen } from '../../components/Screen';
import { LanguageSwitch } from '../settings/LanguageSwitch';
import { EnrolForm } from './EnrolForm';
import { errorText } from '../../lib/errors';
import { OfflineNotice } from '../../pwa/OfflineNotice';
import { iosAdvice } from '../../lib/ios-advice';
import { IosInstallHint } from '../settings/IosInstallHint';

const QrScanner = lazy(() => import('./QrScanner'));

export function Welcome() {
  const { route, query } = useLocation();
  const [scanning, setScanning] = useState(false);
  const [scanned, setScanned] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);

  async function tryDemo() {
    setBusy(true);
    setError(null);
    try {
      await loadDemo();
      void requestPersistence();
      await refreshSession();
      route('/households');
    } catch (e) {
      setError(t('welcome.demoFailed', { reason: errorText(e) }));
    } finally {
      setBusy(false);
    }
  }

  return (
    <Screen title={t('app.name')} tabs={false}>
      <p class="small"><strong>{t('welcome.tagline')}</strong></p>
      <p>{t('welcome.intro')}</p>
      <OfflineNotice />
      {iosAdvice({ ios: isIOS(), standalone: isStandalone(), enrolled: false, unsynced: 0 }) && <IosInstallHint beforeEnrol />}
      <section class="card stack" aria-labelledby="enrol-h">
        <h2 id="enrol-h">{t('welcome.enrolTitle')}</h2>
        <EnrolForm initialCode={scanned ?? query.code ?? ''} key={scanned ?? 'typed'} />
        {scanning ? (
          <Suspense fallback={<p role="status">{t('common.loading')}</p>}>
            <QrScanner onCode={(code) => { setScanned(code); setScanning(false); }} onClose={() => setScanning(false)} />
          </Suspense>
        ) : (
          <button type="button" class="btn block secondary" onClick={() => setScanning(true)}>{t('welcome.scan')}</button>
        )}
      </section>
      <section class="card stack" aria-labelledby="demo-h">
        <h2 id="demo-h">{t('welcome.demoTitle')}</h2>
        <p>{t('welcome.demoText')}</p>
        <button type="button" class="btn block big" disabled={busy} onClick={tryDemo} data-testid="load-demo">
          {busy ? t('welcome.demoLoading') : t('welcome.demoButton')}
        </button>
        {error && <p class="error" role="alert">{error}</p>}
      </section>
      <LanguageSwitch />
    </Screen>
  );
}
