/** Vietnamese / English; remembered on this phone. Labels are in their own language so anyone can switch back. */
import { lang, setLang, t } from '../../i18n';
import { Choices } from '../../components/Choices';

export function LanguageSwitch() {
  return (
    <section class="stack" aria-labelledby="lang-h">
      <h2 id="lang-h">{t('settings.language')}</h2>
      <Choices label={t('settings.language')} value={lang.value} clearable={false}
        options={[{ key: 'vi', label: 'Tiếng Việt' }, { key: 'en', label: 'English' }] as const}
        onChange={(v) => v && void setLang(v)} />
    </section>
  );
}
