/// <reference lib="webworker" />
/**
 * The thin service worker: precache the app shell, answer navigations with index.html (offline cold start),
 * and never take over by itself. A new version waits until the page sends SKIP_WAITING, which the page only does
 * when the volunteer tapped "Cập nhật" and no visit draft or sync is open (an old page asking for chunks the new
 * version deleted is how other apps end up with blank screens). Where the browser can, the cold start is served by
 * static routes straight from Cache Storage, without waiting for this worker (start-routes.ts, D23).
 */
import { cleanupOutdatedCaches, PrecacheController, PrecacheRoute } from 'workbox-precaching';
import { NavigationRoute, registerRoute } from 'workbox-routing';
import { addStartRoutes, dropOldStartCaches, fillStartCache, startCacheName } from './start-routes';

declare const self: ServiceWorkerGlobalScope & { __WB_MANIFEST: Array<{ url: string; revision: string | null }> };

const manifest = self.__WB_MANIFEST;
const precache = new PrecacheController();
precache.addToCacheList(manifest);
// One start cache per build: index.html's revision changes whenever any asset it names does.
const index = manifest.find((e) => typeof e !== 'string' && e.url === 'index.html');
const startCache = startCacheName((typeof index === 'object' && index.revision) || 'dev');

cleanupOutdatedCaches();
registerRoute(new PrecacheRoute(precache));
// The API is never answered from cache: sync must see the real network (or its absence) to back off honestly.
registerRoute(new NavigationRoute(precache.createHandlerBoundToURL('index.html'), { denylist: [/^\/api\//] }));

self.addEventListener('message', (event: ExtendableMessageEvent) => {
  if ((event.data as { type?: string } | null)?.type === 'SKIP_WAITING') void self.skipWaiting();
});

// First install only: there is no older version whose page could ask for deleted chunks, so take control of the
// open page at once. Otherwise a volunteer who enrols and walks out of Wi-Fi without reloading would have an
// uncontrolled page whose lazy screens (visit form, sync station…) cannot load offline.
let firstInstall = false;
self.addEventListener('install', (event: ExtendableEvent) => {
  firstInstall = self.registration.active === null;
  addStartRoutes(event, startCache, self.location.origin);
  event.waitUntil(precache.install(event).then(() => fillStartCache(startCache, self.location.origin, () => precache.matchPrecache('index.html'))));
});
self.addEventListener('activate', (event: ExtendableEvent) => {
  event.waitUntil(precache.activate(event).then(() => dropOldStartCaches(startCache)));
  if (firstInstall) event.waitUntil(self.clients.claim());
});
