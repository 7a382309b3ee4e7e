/** One screen: the header, the scrolling content and the tab bar. Sets the document title for screen readers. */
import type { ComponentChildren } from 'preact';
import { useEffect } from 'preact/hooks';
import { t } from '../i18n';
import { TopBar } from './TopBar';
import { TabBar } from './TabBar';
import { UpdateBanner } from '../pwa/UpdateBanner';

interface ScreenProps {
  title: string;
  children: ComponentChildren;
  /** Screens before enrolment have no tab bar. */
  tabs?: boolean;
}

export function Screen({ title, children, tabs = true }: ScreenProps) {
  useEffect(() => {
    document.title = `${title} — ${t('app.name')}`;
  }, [title]);
  return (
    <div class="app">
      <TopBar title={title} />
      {/* In the flow, not floating: it must never cover the Save button of a visit. */}
      <UpdateBanner />
      <main id="main" class="stack">{children}</main>
      {tabs && <TabBar />}
    </div>
  );
}

export function Loading() {
  return <p class="muted" role="status">{t('common.loading')}</p>;
}
