import { beforeEach, describe, expect, it } from 'vitest';
import { enrolled, freshDb, householdFields } from './data-helpers';
import { db } from '../../src/data/db';
import { dexieSyncStore } from '../../src/data/sync-store';
import { forgetDevice, getDevice, getSettings, isDemoLoaded, listHamlets, listHouseholdSummaries, outboxCounts, saveSettings, UnsyncedDataError } from '../../src/data/index';
import { loadDemo, recordVisit, removeDemo, saveHousehold } from '../../src/data/edits';

beforeEach(freshDb);

describe('demo mode', () => {
  it('loads the Tam Quang demo offline, flagged, with a local member identity', async () => {
    expect(await isDemoLoaded()).toBe(false);
    const me = await loadDemo({ households: 60, seed: 7 });
    expect(await isDemoLoaded()).toBe(true);
    const hamlets = await listHamlets();
    expect(hamlets).toHaveLength(18);
    expect(hamlets.every((h) => h.demo)).toBe(true);
    expect((await getSettings()).hamletId).toBe(hamlets[0]!.id);
    const summaries = await listHouseholdSummaries(hamlets[0]!.id);
    expect(summaries.length).toBeGreaterThan(0);
    expect(summaries.every((s) => s.demo)).toBe(true);
    const visit = await recordVisit({ householdId: summaries[0]!.id, kind: 'home', outcomes: [], notes: '', followUpOn: null });
    expect(visit.memberId).toBe(me.memberId);
    // Demo items are counted but never offered to the sync engine.
    expect((await outboxCounts()).demo).toBe(1);
    expect(await dexieSyncStore.pendingBatch(100)).toEqual([]);
  });

  it('removing the demo touches no real data', async () => {
    const { hamlets } = await enrolled();
    const realId = await saveHousehold({ fields: householdFields(hamlets[0]!.id), persons: [] });
    await loadDemo({ households: 30 });
    const demoHamlet = (await listHamlets()).find((h) => h.demo)!;
    const demoHousehold = (await listHouseholdSummaries(demoHamlet.id))[0]!;
    await recordVisit({ householdId: demoHousehold.id, kind: 'home', outcomes: [], notes: '', followUpOn: null });
    await saveSettings({ hamletId: demoHamlet.id });
    await removeDemo();
    expect(await isDemoLoaded()).toBe(false);
    expect(await db.households.count()).toBe(1);
    expect((await db.households.get(realId))?.label).toBe('Lê Văn Hùng');
    expect((await listHamlets()).map((h) => h.id).sort()).toEqual(hamlets.map((h) => h.id).sort());
    expect(await db.visits.count()).toBe(0);
    expect(await outboxCounts()).toMatchObject({ pending: 1, demo: 0 });
    expect(hamlets.map((h) => h.id)).toContain((await getSettings()).hamletId);
    expect(await db.communes.count()).toBe(1);
  });
});

describe('enrolment and forgetting a device', () => {
  it('refuses to forget while unsynced items remain; forgets when told to discard', async () => {
    const { hamlets } = await enrolled();
    await saveHousehold({ fields: householdFields(hamlets[0]!.id), persons: [] });
    await expect(forgetDevice()).rejects.toBeInstanceOf(UnsyncedDataError);
    expect(await getDevice()).toBeDefined();
    await forgetDevice({ discardUnsynced: true });
    expect(await getDevice()).toBeUndefined();
    expect(await db.households.count()).toBe(0);
    expect(await db.outbox.count()).toBe(0);
    expect((await getSettings()).hamletId).toBeNull();
  });

  it('keeps language and picks a hamlet in the member scope', async () => {
    await saveSettings({ lang: 'en' });
    const res = await enrolled(3);
    const s = await getSettings();
    expect(s.lang).toBe('en');
    expect(s.hamletId).toBe(res.hamlets[0]!.id);
    expect((await getDevice())?.serverUrl).toBe('http://sync.test');
  });
});
