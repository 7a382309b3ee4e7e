/// <reference lib="webworker" />
/**
 * The cold start without waiting for this worker (D23): ServiceWorker static routing (`InstallEvent.addRoutes`, Chromium
 * 123+) lets the browser answer the start page and the hashed assets straight from Cache Storage, so opening the
 * app does not wait for the worker's thread to start and run its script, and no fetch event is dispatched for each
 * request (Chromium still starts the worker, alongside). Browsers without it (Safari, Firefox) keep the fetch
 * handler, which serves the same responses.
 *
 * The routes name a cache that holds the start page under the URLs the app opens at (`/`, `/households`), one cache
 * per build (the index.html revision): a waiting new version never changes what the running one serves. The copy is
 * taken from the precache once that is complete, and a failed copy fails the install, so a route never points at
 * an empty cache. A miss would fall back to the network — offline, an error page instead of the app.
 */

/** The URLs a cold start opens: the manifest's start_url and the household list (where the Gate sends it). */
export const START_PATHS = ['/', '/households'] as const;
const PREFIX = 'tn-start-';

interface RouterRule { condition: Record<string, unknown>; source: 'cache' | { cacheName: string } }
type RoutableInstallEvent = ExtendableEvent & { addRoutes?: (rules: RouterRule[]) => Promise<void> };
declare const URLPattern: new (init: { pathname: string; search?: string; baseURL?: string }) => unknown;

export function startCacheName(revision: string): string {
  return `${PREFIX}${revision}`;
}

/** Call inside the install event, before any await (the browser accepts routes only while it is dispatched). */
export function addStartRoutes(event: ExtendableEvent, cacheName: string, origin: string): void {
  const e = event as RoutableInstallEvent;
  if (typeof e.addRoutes !== 'function' || typeof URLPattern === 'undefined') return;
  // `search: ''`: the cache is looked up by the exact URL, so `/households?x` must go to the fetch handler instead.
  const page = (pathname: string): RouterRule => ({
    condition: { urlPattern: new URLPattern({ pathname, search: '', baseURL: origin }), requestMode: 'navigate' },
    source: { cacheName },
  });
  // Hashed file names: whatever cache holds one holds the right bytes. jsQR is not precached: a miss goes to the network.
  const assets: RouterRule = { condition: { urlPattern: new URLPattern({ pathname: '/assets/*', baseURL: origin }) }, source: 'cache' };
  // A browser that refuses a rule (an older Chromium without `cacheName` sources) keeps the fetch handler: never fail
  // the install over an optimisation.
  const refused = (err: unknown) => console.warn('static routes not used', err);
  try {
    e.waitUntil(e.addRoutes([...START_PATHS.map(page), assets]).catch(refused));
  } catch (err) {
    refused(err);
  }
}

/** Copies the precached start page under the start URLs into this build's start cache. */
export async function fillStartCache(cacheName: string, origin: string, startPage: () => Promise<Response | undefined>): Promise<void> {
  const page = await startPage();
  if (!page?.ok) throw new Error('start page missing from the precache');
  const cache = await caches.open(cacheName);
  await Promise.all(START_PATHS.map((path) => cache.put(new Request(new URL(path, origin).href), page.clone())));
}

/** On activation: older builds' start caches go (their routes went with their workers). */
export async function dropOldStartCaches(current: string): Promise<void> {
  const names = await caches.keys();
  await Promise.all(names.filter((n) => n.startsWith(PREFIX) && n !== current).map((n) => caches.delete(n)));
}
