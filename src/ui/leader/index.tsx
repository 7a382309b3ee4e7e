/**
 * PLACEHOLDER created by the UI helper so the lazy `/leader/*` route builds. The reports helper owns this folder and
 * replaces this file: default export = a Preact component rendered for every path under /leader.
 */
import { Screen } from '../components/Screen';
import { t } from '../i18n';

export default function Leader() {
  return (
    <Screen title={t('nav.leader')}>
      <p>{t('leader.placeholder')}</p>
      <a class="btn block secondary" href="/codes">{t('codes.open')}</a>
    </Screen>
  );
}
