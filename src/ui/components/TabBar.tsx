/** Bottom navigation: thumbs reach the bottom of a tall phone; each tab is ≥ 60 px high. */
import { useLocation } from 'preact-iso';
import { t, type MessageKey } from '../i18n';
import { isLeader } from '../state/session';
import { Icon, type IconName } from './Icon';

const TABS: { href: string; icon: IconName; label: MessageKey; leaderOnly?: boolean }[] = [
  { href: '/households', icon: 'home', label: 'nav.households' },
  { href: '/sync', icon: 'sync', label: 'nav.sync' },
  { href: '/leader', icon: 'report', label: 'nav.leader', leaderOnly: true },
  { href: '/settings', icon: 'settings', label: 'nav.settings' },
];

export function TabBar() {
  const { path } = useLocation();
  return (
    <nav class="tabbar" aria-label={t('nav.label')}>
      {TABS.filter((tab) => !tab.leaderOnly || isLeader.value).map((tab) => (
        <a key={tab.href} href={tab.href} aria-current={path === tab.href || path.startsWith(`${tab.href}/`) ? 'page' : undefined}>
          <span class="icon"><Icon name={tab.icon} size={26} /></span>
          {t(tab.label)}
        </a>
      ))}
    </nav>
  );
}
