/**
 * App entry: render first (from the remembered copy, then IndexedDB — no network needed, D21), then — production
 * only — register the service worker in prompt mode, and start a sync if enrolled. Persistence is not asked here
 * (see Welcome/HouseholdForm).
 */
import { render } from 'preact';
import './ui/styles.css';
import { App } from './ui/App';
import { initLang } from './ui/i18n';
import { dropRememberedSession, paintRememberedSession, refreshSession, watchOutbox } from './ui/state/session';
import { warmDatabase } from './data/first-paint';
import { startBackgroundSync } from './ui/lib/sync';
import { registerServiceWorker } from './ui/pwa/update';
import { prefetchFirstList } from './ui/screens/households/first-list';

performance.mark('tn:app-start');
warmDatabase(); // D21: the browser opens IndexedDB while the first screen is painted from the copy
if (location.pathname === '/' || location.pathname === '/households') prefetchFirstList();
paintRememberedSession(); // D21: the first screen from the last session's copy while IndexedDB opens
void initLang();
render(<App />, document.getElementById('app')!);

void refreshSession().then((s) => {
  performance.mark('tn:session');
  watchOutbox();
  if (s?.device) void startBackgroundSync();
}).catch((e: unknown) => {
  console.error('session', e);
  dropRememberedSession();
});

if (import.meta.env.PROD) {
  // After first paint: the SW's install (precaching) must not compete with the first render on a slow phone.
  window.addEventListener('load', () => {
    registerServiceWorker().catch((e: unknown) => console.error('sw', e));
  });
}
