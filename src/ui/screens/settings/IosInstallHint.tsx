/** iPhone Safari cannot prompt to install: show the three taps. Installed, the app keeps its data past 7 days. */
import { t } from '../../i18n';

export function IosInstallHint() {
  return (
    <div class="notice" role="note">
      <strong>{t('ios.title')}</strong>
      <ol class="small">
        <li>{t('ios.step1')}</li>
        <li>{t('ios.step2')}</li>
        <li>{t('ios.step3')}</li>
      </ol>
    </div>
  );
}
