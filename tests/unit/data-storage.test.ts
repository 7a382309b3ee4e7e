import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { enrolled, freshDb, householdFields } from './data-helpers';
import { isIOS, observe, observeOutboxCount, requestPersistence, storageStatus, type OutboxCounts } from '../../src/data/index';
import { saveHousehold } from '../../src/data/edits';

function stubNavigator(nav: Record<string, unknown>) {
  vi.stubGlobal('navigator', nav);
}

afterEach(() => { vi.unstubAllGlobals(); });

describe('storage status', () => {
  it('reports persistence, usage and quota; warns when not persisted', async () => {
    stubNavigator({ userAgent: 'Mozilla/5.0 (Linux; Android 13)', storage: { persisted: async () => false, estimate: async () => ({ usage: 1200, quota: 5_000_000 }), persist: async () => true } });
    expect(await storageStatus()).toMatchObject({ persisted: false, usageBytes: 1200, quotaBytes: 5_000_000, isIOS: false, mayEvict: true });
    expect(await requestPersistence()).toBe(true);
  });

  it('on an iPhone outside the Home Screen, eviction is possible even when persisted', async () => {
    stubNavigator({ userAgent: 'Mozilla/5.0 (iPhone; CPU iPhone OS 17_0 like Mac OS X)', standalone: false, storage: { persisted: async () => true, estimate: async () => ({}) } });
    expect(await storageStatus()).toMatchObject({ persisted: true, isIOS: true, standalone: false, mayEvict: true });
    stubNavigator({ userAgent: 'Mozilla/5.0 (iPhone)', standalone: true, storage: { persisted: async () => true, estimate: async () => ({}) } });
    expect(await storageStatus()).toMatchObject({ standalone: true, mayEvict: false });
  });

  it('iPadOS that claims to be a Mac is still iOS; browsers without StorageManager report unknown', async () => {
    expect(isIOS({ userAgent: 'Mozilla/5.0 (Macintosh; Intel Mac OS X 10_15_7)', maxTouchPoints: 5 })).toBe(true);
    expect(isIOS({ userAgent: 'Mozilla/5.0 (Macintosh; Intel Mac OS X 10_15_7)', maxTouchPoints: 0 })).toBe(false);
    stubNavigator({ userAgent: 'Old' });
    expect(await storageStatus()).toMatchObject({ persisted: null, usageBytes: null, mayEvict: true });
    expect(await requestPersistence()).toBe(false);
  });

  it('a throwing StorageManager (private mode) does not break the panel', async () => {
    stubNavigator({ userAgent: 'x', storage: { persisted: async () => { throw new Error('denied'); }, persist: async () => { throw new Error('denied'); } } });
    expect((await storageStatus()).persisted).toBeNull();
    expect(await requestPersistence()).toBe(false);
  });
});

describe('observe', () => {
  beforeEach(freshDb);
  it('calls back now and after each change; unsubscribe stops it', async () => {
    const { hamlets } = await enrolled();
    const seen: OutboxCounts[] = [];
    const stop = observeOutboxCount((c) => seen.push(c));
    await vi.waitFor(() => expect(seen.at(-1)?.pending).toBe(0));
    await saveHousehold({ fields: householdFields(hamlets[0]!.id), persons: [] });
    await vi.waitFor(() => expect(seen.at(-1)?.pending).toBe(1));
    stop();
    const count = seen.length;
    await saveHousehold({ fields: householdFields(hamlets[0]!.id, 'Lò Thị Hà'), persons: [] });
    await new Promise((r) => setTimeout(r, 50));
    expect(seen.length).toBe(count);
  });

  it('reports query errors to onError instead of throwing', async () => {
    const errors: unknown[] = [];
    const stop = observe(async () => { throw new Error('bad query'); }, () => {}, (e) => errors.push(e));
    await vi.waitFor(() => expect(errors).toHaveLength(1));
    stop();
  });
});
