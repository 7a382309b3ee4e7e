/// <reference lib="webworker" />
/**
 * The thin service worker: precache the app shell, answer navigations with index.html (offline cold start),
 * and never take over by itself. A new version waits until the page sends SKIP_WAITING, which the page only does
 * when the volunteer tapped "Cập nhật" and no visit draft or sync is open (an old page asking for chunks the new
 * version deleted is how other apps end up with blank screens).
 */
import { cleanupOutdatedCaches, createHandlerBoundToURL, precacheAndRoute } from 'workbox-precaching';
import { NavigationRoute, registerRoute } from 'workbox-routing';

declare const self: ServiceWorkerGlobalScope & { __WB_MANIFEST: Array<{ url: string; revision: string | null }> };

cleanupOutdatedCaches();
precacheAndRoute(self.__WB_MANIFEST);

// The API is never answered from cache: sync must see the real network (or its absence) to back off honestly.
registerRoute(new NavigationRoute(createHandlerBoundToURL('index.html'), { denylist: [/^\/api\//] }));

self.addEventListener('message', (event: ExtendableMessageEvent) => {
  if ((event.data as { type?: string } | null)?.type === 'SKIP_WAITING') void self.skipWaiting();
});

// First install only: there is no older version whose page could ask for deleted chunks, so take control of the
// open page at once. Otherwise a volunteer who enrols and walks out of Wi-Fi without reloading would have an
// uncontrolled page whose lazy screens (visit form, sync station…) cannot load offline.
let firstInstall = false;
self.addEventListener('install', () => {
  firstInstall = self.registration.active === null;
});
self.addEventListener('activate', (event: ExtendableEvent) => {
  if (firstInstall) event.waitUntil(self.clients.claim());
});
