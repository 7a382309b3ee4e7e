/**
 * Service-worker updates in prompt mode. A new version waits; the volunteer taps "Cập nhật"; only when no visit
 * draft is open and no sync is running do we tell the waiting worker to take over, then reload once it controls
 * the page. Never automatic: an old page asking for chunks the new version deleted is a blank screen in the field.
 */
import { signal } from '@preact/signals';
import type { Workbox } from 'workbox-window';
import { dataLayer } from '../state/data';
import { syncRunning } from '../state/session';
import { trackOfflineReadiness } from './offline';

/** reload: another window applied an update; this one still runs the old code, whose later screens are gone. */
export type UpdateState = 'none' | 'ready' | 'blocked-draft' | 'blocked-sync' | 'applying' | 'reload';
export const updateState = signal<UpdateState>('none');

let wb: Workbox | null = null;

export async function registerServiceWorker(): Promise<void> {
  if (!('serviceWorker' in navigator)) return;
  const { Workbox } = await import('workbox-window');
  wb = new Workbox('/sw.js', { scope: '/' });
  // A page already under a worker that sees the controller change without having asked: another window applied an
  // update. Offer a reload rather than leave old code asking for deleted screens. The first install's claim only makes
  // the page controlled (a page that stays open for days after it must still see the next one).
  let controlled = !!navigator.serviceWorker.controller;
  navigator.serviceWorker.addEventListener('controllerchange', () => {
    if (controlled && updateState.value !== 'applying') updateState.value = 'reload';
    controlled = true;
  });
  // 'waiting' also fires on load when a worker installed earlier is still waiting (e.g. the app was closed).
  wb.addEventListener('waiting', () => { updateState.value = 'ready'; });
  let registration: ServiceWorkerRegistration | undefined;
  try {
    registration = await wb.register();
  } catch (e) {
    console.error('sw', e); // sw.js itself did not arrive: offline.ts tries again
  }
  // workbox-window stops reporting new versions after the first one it sees (in a window the first install claimed,
  // that is the first install itself): watch the registration directly too. A worker installed while another
  // controls the page is a new version waiting.
  registration?.addEventListener('updatefound', () => {
    const worker = registration.installing;
    worker?.addEventListener('statechange', () => {
      if (worker.state === 'installed' && navigator.serviceWorker.controller && updateState.value === 'none') updateState.value = 'ready';
    });
  });
  trackOfflineReadiness(navigator.serviceWorker, registration);
  performance.mark('tn:sw-registered'); // for tests: this window has asked for its worker (registration runs when idle)
  // Check again whenever the app comes back to the foreground: phones keep PWAs alive for days.
  document.addEventListener('visibilitychange', () => {
    if (document.visibilityState === 'visible') void wb?.update().catch(() => undefined);
  });
}

/** The volunteer tapped "Cập nhật". Applies now, or explains why not and keeps the offer open. */
export async function applyUpdate(): Promise<void> {
  if (updateState.value === 'reload') return window.location.reload();
  if (!wb) return;
  if (syncRunning.value) { updateState.value = 'blocked-sync'; return; }
  if (await (await dataLayer()).hasOpenDraft()) { updateState.value = 'blocked-draft'; return; }
  // Nothing waits any more (another window took it): skipWaiting would never answer; the new version is in control.
  const waiting = (await navigator.serviceWorker.getRegistration())?.waiting;
  if (!waiting) return window.location.reload();
  updateState.value = 'applying';
  // Reload once it is active — watched on the worker itself, not by controllerchange, which a page no worker controls
  // (a hard reload) never gets.
  waiting.addEventListener('statechange', () => { if (waiting.state === 'activated') window.location.reload(); });
  wb.messageSkipWaiting();
}

/** For tests and the console: ask the browser to look for a new version now. */
export function checkForUpdate(): Promise<unknown> {
  return wb?.update() ?? Promise.resolve();
}
