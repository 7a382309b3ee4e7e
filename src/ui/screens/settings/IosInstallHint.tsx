/** iPhone Safari cannot prompt to install: show the three taps. Installed, the app keeps its data past 7 days. */
import { t } from '../../i18n';

/** `beforeEnrol`: on Welcome, where installing first keeps the enrolment (the Home Screen app has its own data). */
export function IosInstallHint({ beforeEnrol = false }: { beforeEnrol?: boolean }) {
  return (
    <div class={beforeEnrol ? 'notice warn' : 'notice'} role="note" data-testid="ios-install">
      <strong>{t('ios.title')}</strong>
      {beforeEnrol && <p class="small">{t('ios.beforeEnrol')}</p>}
      <ol class="small">
        <li>{t('ios.step1')}</li>
        <li>{t('ios.step2')}</li>
        <li>{t('ios.step3')}</li>
        {beforeEnrol && <li>{t('ios.step4')}</li>}
      </ol>
    </div>
  );
}
