/**
 * Whether the app works here with no network. The first visit downloads the whole app (≈ 0.8 MB) in the background;
 * until that is done and the service worker controls the page (the first install claims it, sw/sw.ts), a volunteer
 * who walks out of the cultural house's Wi-Fi has an app whose other screens cannot open. So the screens say so, and a
 * download that failed (one file cut off on a weak link fails the whole install) is tried again: when the connection
 * comes back, when the app returns to the foreground, and every 30 s → 5 min meanwhile.
 */
import { signal } from '@preact/signals';

/** unknown: not measured (development build, or no service worker in this browser). */
export type OfflineState = 'unknown' | 'downloading' | 'failed' | 'ready';
export const offlineState = signal<OfflineState>('unknown');

const RETRY_FIRST_MS = 30_000;
const RETRY_MAX_MS = 5 * 60_000;
let retryMs = RETRY_FIRST_MS;
let timer: ReturnType<typeof setTimeout> | undefined;
let container: ServiceWorkerContainer;
const SW_URL = '/sw.js';

const ready = () => {
  offlineState.value = 'ready';
  clearTimeout(timer);
};

/** Follows one registration's new worker to the end: activated (it claims the page) or redundant (it failed). */
function follow(reg: ServiceWorkerRegistration | undefined): void {
  // An active worker not controlling this page (a hard reload bypasses it): the app is on the phone all the same.
  if (container.controller || reg?.active?.state === 'activated') return ready();
  const worker = reg?.installing ?? reg?.waiting ?? reg?.active;
  if (!worker || worker.state === 'redundant') return failed();
  worker.addEventListener('statechange', () => {
    if (worker.state === 'activated') ready();
    else if (worker.state === 'redundant' && !container.controller) failed();
  });
}

function failed(): void {
  if (container.controller) return ready();
  offlineState.value = 'failed';
  clearTimeout(timer);
  timer = setTimeout(retry, retryMs);
  retryMs = Math.min(retryMs * 2, RETRY_MAX_MS);
}

function retry(): void {
  if (offlineState.value !== 'failed') return;
  if (!navigator.onLine) return; // the 'online' event tries again
  offlineState.value = 'downloading';
  container.register(SW_URL, { scope: '/' }).then(follow, failed);
}

/** Called once the app has asked for its service worker; `registration` is what that request gave (undefined: it failed). */
export function trackOfflineReadiness(sw: ServiceWorkerContainer, registration: ServiceWorkerRegistration | undefined): void {
  container = sw;
  sw.addEventListener('controllerchange', ready);
  window.addEventListener('online', retry);
  document.addEventListener('visibilitychange', () => { if (document.visibilityState === 'visible') retry(); });
  if (sw.controller) return ready();
  offlineState.value = 'downloading';
  follow(registration);
}
