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

/**
 * Runs `start` once the first frame is on screen (D22): rAF fires just before that frame's layout and paint, a task
 * posted from it runs after them. Hidden pages get no frames, hence the fallback timer.
 */
function afterFirstFrame(start: () => void): void {
  let started = false;
  const once = () => { if (!started) { started = true; start(); } };
  requestAnimationFrame(() => setTimeout(once, 0));
  setTimeout(once, 1_000);
}

function loadData(): void {
  if (location.pathname === '/' || location.pathname === '/households') prefetchFirstList();
  void refreshSession().then((s) => {
    performance.mark('tn:session');
    watchOutbox();
    if (s?.device) void startBackgroundSync();
  }).catch((e: unknown) => {
    console.error('session', e);
    dropRememberedSession(e);
  });
}

performance.mark('tn:app-start');
warmDatabase(); // D21: the browser opens IndexedDB while the first screen is painted from the copy
// D21: the first screen from the last session's copy while IndexedDB opens. With a copy on screen, the data layer
// (Dexie's ≈ 0.15 s evaluation at 4× CPU) runs after the first frame instead of between the render and the
// volunteer's first tap (D22); the database open it waits for has already started. Without one, at once.
const painted = paintRememberedSession();
void initLang();
render(<App />, document.getElementById('app')!);
if (painted) afterFirstFrame(loadData);
else loadData();

if (import.meta.env.PROD) {
  // Not at `load` but once the main thread is idle (D22): `load` fires in the task that lays out the first screen,
  // and compiling workbox-window after it (≈ 0.1 s at 4× CPU) can land before the list's first tap. An installed worker
  // already controls this page; registering only checks for updates and installs on a first visit.
  window.addEventListener('load', () => {
    const register = () => void registerServiceWorker().catch((e: unknown) => console.error('sw', e));
    if ('requestIdleCallback' in window) requestIdleCallback(register, { timeout: 5_000 });
    else setTimeout(register, 2_000); // Safari: no idle callback
  });
}
