/** Commune leaders (and the demo) cover many hamlets: choose which one the list shows. Remembered on this phone. */
import { useLocation } from 'preact-iso';
import { t } from '../i18n';
import { chooseHamlet, hamletId, session } from '../state/session';
import { Screen } from '../components/Screen';

export function HamletPicker() {
  const { route } = useLocation();
  const hamlets = session.value?.hamlets ?? [];
  return (
    <Screen title={t('hamlets.title')}>
      <ul class="list">
        {hamlets.map((h) => (
          <li key={h.id}>
            <a class="rowlink" href="/households" aria-current={h.id === hamletId.value ? 'true' : undefined}
              onClick={(e) => { e.preventDefault(); void chooseHamlet(h.id).then(() => route('/households')); }}>
              <strong>{h.name}</strong> {h.demo && <span class="tag demo">DEMO</span>}
              {h.id === hamletId.value && <span class="tag">{t('hamlets.current')}</span>}
              {h.formerNames.length > 0 && <div class="small muted">{t('hamlets.formerly', { names: h.formerNames.join(', ') })}</div>}
            </a>
          </li>
        ))}
      </ul>
    </Screen>
  );
}
