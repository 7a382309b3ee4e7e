/**
 * The service worker's static routes (D23) must never cost the app its offline start: a browser that refuses the
 * rules keeps the fetch handler and still installs, the start cache holds the precached page under both start URLs,
 * a missing page fails the install (a route must never point at an empty cache), and only older builds' start
 * caches are dropped. The routes themselves are checked in Chromium by tests/e2e/offline.spec.ts.
 */
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { addStartRoutes, dropOldStartCaches, fillStartCache, START_PATHS, startCacheName } from '../../sw/start-routes';

const ORIGIN = 'https://tungnha.example';

class FakeCaches {
  readonly stores = new Map<string, Map<string, Response>>();
  async open(name: string) {
    const store = this.stores.get(name) ?? new Map<string, Response>();
    this.stores.set(name, store);
    return { put: async (req: Request, res: Response) => { store.set(req.url, res); } };
  }
  async keys() { return [...this.stores.keys()]; }
  async delete(name: string) { return this.stores.delete(name); }
}

function installEvent(addRoutes?: (rules: unknown[]) => Promise<void>) {
  const waited: Array<Promise<unknown>> = [];
  return { event: { waitUntil: (p: Promise<unknown>) => waited.push(p), ...(addRoutes ? { addRoutes } : {}) } as unknown as ExtendableEvent, waited };
}

let fake: FakeCaches;
beforeEach(() => {
  fake = new FakeCaches();
  vi.stubGlobal('caches', fake);
  vi.stubGlobal('URLPattern', class { constructor(readonly init: { pathname: string; search?: string; baseURL?: string }) {} });
  vi.spyOn(console, 'warn').mockImplementation(() => undefined);
});
afterEach(() => { vi.unstubAllGlobals(); vi.restoreAllMocks(); });

describe('addStartRoutes', () => {
  it('routes both start URLs (navigations only) to the build’s start cache and the assets to any cache', () => {
    let rules: Array<{ condition: { urlPattern: { init: { pathname: string; search?: string } }; requestMode?: string }; source: unknown }> = [];
    const { event, waited } = installEvent(async (r) => { rules = r as typeof rules; });
    addStartRoutes(event, startCacheName('abc'), ORIGIN);
    expect(waited).toHaveLength(1);
    expect(rules.map((r) => [r.condition.urlPattern.init.pathname, r.condition.urlPattern.init.search ?? null, r.condition.requestMode ?? null, r.source])).toEqual([
      ['/', '', 'navigate', { cacheName: 'tn-start-abc' }],
      ['/households', '', 'navigate', { cacheName: 'tn-start-abc' }],
      ['/assets/*', null, null, 'cache'],
    ]);
  });

  it('does nothing where the browser has no static routing', () => {
    const { event, waited } = installEvent();
    expect(() => addStartRoutes(event, 'tn-start-abc', ORIGIN)).not.toThrow();
    expect(waited).toHaveLength(0);
  });

  it('a refused rule set does not fail the install, whether it rejects or throws', async () => {
    const rejects = installEvent(() => Promise.reject(new TypeError('unknown source')));
    addStartRoutes(rejects.event, 'tn-start-abc', ORIGIN);
    await expect(Promise.all(rejects.waited)).resolves.toBeDefined();
    const throws = installEvent(() => { throw new TypeError('unknown condition'); });
    expect(() => addStartRoutes(throws.event, 'tn-start-abc', ORIGIN)).not.toThrow();
    expect(console.warn).toHaveBeenCalledTimes(2);
  });
});

describe('fillStartCache / dropOldStartCaches', () => {
  it('puts the precached page under every start URL', async () => {
    await fillStartCache('tn-start-abc', ORIGIN, async () => new Response('<!doctype html><title>Từng Nhà</title>'));
    const store = fake.stores.get('tn-start-abc')!;
    expect([...store.keys()]).toEqual(START_PATHS.map((p) => `${ORIGIN}${p}`));
    for (const res of store.values()) expect(await res.text()).toContain('Từng Nhà');
  });

  it('fails (so the install fails) when the precache has no start page, and leaves no cache behind', async () => {
    await expect(fillStartCache('tn-start-abc', ORIGIN, async () => undefined)).rejects.toThrow(/start page/);
    await expect(fillStartCache('tn-start-abc', ORIGIN, async () => new Response('', { status: 404 }))).rejects.toThrow(/start page/);
    expect(fake.stores.has('tn-start-abc')).toBe(false);
  });

  it('drops only older builds’ start caches', async () => {
    for (const name of ['tn-start-old', 'tn-start-new', 'workbox-precache-v2-x', 'other']) await fake.open(name);
    await dropOldStartCaches('tn-start-new');
    expect((await fake.keys()).sort()).toEqual(['other', 'tn-start-new', 'workbox-precache-v2-x']);
  });
});
