/** Header on every screen: where I am (hamlet), how many visits still wait for sync, and a DEMO marker. */
import { t } from '../i18n';
import { unsyncedCount, session, currentHamlet } from '../state/session';
import { Icon } from './Icon';

export function TopBar({ title }: { title?: string | undefined }) {
  const s = session.value;
  const n = unsyncedCount.value;
  const hamlet = currentHamlet.value;
  return (
    <>
      {s?.demo && <div class="demo-strip" role="note">{t('demo.strip')}</div>}
      <header class="topbar">
        <h1 class="title">
          {title ?? t('app.name')}
          {hamlet && <small>{hamlet.name}{s?.commune ? ` · ${s.commune.name}` : ''}</small>}
        </h1>
        {s && <a href="/sync" class={`badge-unsynced ${n > 0 ? 'has' : ''}`} aria-label={t('header.unsynced', { n })} data-testid="unsynced-badge">
          <Icon name="sync" size={20} /> <span data-testid="unsynced-count">{n}</span>
        </a>}
      </header>
    </>
  );
}
