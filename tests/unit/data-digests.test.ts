/**
 * Digests (D19) must always equal what the full rows say: after every kind of write — a visit, an amendment, a
 * household edit that removes a person, a conflict dismissed, a pulled page with new rows and tombstones, removal,
 * demo load/unload — and after the v1→v2 upgrade of a phone that already holds data. The dashboard computed from
 * digests must equal the one computed from the full rows.
 */
import 'fake-indexeddb/auto';
import { beforeEach, describe, expect, it } from 'vitest';
import Dexie from 'dexie';
import { enrolled, freshDb, householdFields } from './data-helpers';
import { db, TungNhaDb, type DigestRow } from '../../src/data/db';
import { digestRows } from '../../src/data/digest-upgrade';
import { BUNDLE_VERSION, hamletBundle } from '../../src/shared/hamlet-facts';
import { expectDigestsInStep } from './digest-helpers';
import { dexieSyncStore } from '../../src/data/sync-store';
import { dismissConflict } from '../../src/data/conflicts';
import { listHouseholdSummaries } from '../../src/data/index';
import { loadDemo, recordVisit, removeDemo, requestHouseholdRemoval, saveHousehold } from '../../src/data/edits';
import { loadDashboardData } from '../../src/data/reports';
import { warmHamletFacts } from '../../src/data/hamlet-facts';
import { saveEnrolment } from '../../src/data/device';
import { enrolResponse } from './data-helpers';
import { dashboardFrom } from '../../src/worker/reports/dashboard';
import { monthPeriod } from '../../src/shared/report';
import { uuidv7 } from '../../src/shared/ids';
import type { Household, Person, Visit } from '../../src/shared/schema';

beforeEach(freshDb);

const byId = (a: { id: string }, b: { id: string }) => (a.id < b.id ? -1 : 1);

/** Every digest equals the one built from the rows, no household lacks one, and every kept bundle is current. */
async function expectDigestsAndBundlesInStep(): Promise<DigestRow[]> {
  const digests = await expectDigestsInStep();
  for (const b of await db.hamletFacts.toArray()) expect(b, `bundle of ${b.hamletId}`).toEqual(hamletBundle(b.hamletId, digests.filter((d) => d.hamletId === b.hamletId)));
  return digests;
}

/** Builds every bundle (as opening the dashboard does), so the next write must drop the ones it makes stale. */
const openDashboard = async () => { await loadDashboardData(); expect(await db.hamletFacts.count()).toBeGreaterThan(0); };

const outcome = (item: string, personId: string | null, o: 'done' | 'needs_help' | 'had') => ({ item, personId, outcome: o, details: [], other: '' });

describe('digests stay in step with every write', () => {
  it('visits, amendments, edits, removed people, conflicts, pulled pages, tombstones, removal', async () => {
    const { hamlets, member, commune } = await enrolled();
    const hamletId = hamlets[0]!.id;
    const p1 = uuidv7(), p2 = uuidv7();
    const id = await saveHousehold({ fields: householdFields(hamletId), persons: [
      { id: p1, fields: { firstName: 'Hùng', birthYear: 1950, hasSmartphone: true, sortName: '' } },
      { id: p2, fields: { firstName: 'Dũng', birthYear: 1990, hasSmartphone: false, sortName: '' } },
    ] });
    await expectDigestsAndBundlesInStep();
    await openDashboard();
    const first = await recordVisit({ householdId: id, kind: 'home', notes: '', outcomes: [outcome('vneid_l1', p1, 'needs_help')], followUpOn: '2026-12-05' });
    let [d] = await expectDigestsAndBundlesInStep();
    expect(d).toMatchObject({ visitedEver: true, nextFollowUp: '2026-12-05', personsCount: 2 });
    await recordVisit({ householdId: id, kind: 'home', notes: 'sửa', outcomes: [outcome('vneid_l1', p1, 'done')], followUpOn: null, amends: first.id });
    [d] = await expectDigestsAndBundlesInStep();
    expect(d!.nextFollowUp).toBeNull();
    await openDashboard();
    await saveHousehold({ id, fields: householdFields(hamletId, 'Lê Văn Hưng'), persons: [], removedPersonIds: [p2] });
    [d] = await expectDigestsAndBundlesInStep();
    expect(d).toMatchObject({ label: 'Lê Văn Hưng', personsCount: 1 });
    expect(d!.searchText).not.toContain(' dung ');

    await openDashboard();
    // A pulled page: a new household with a person and a visit, a conflict flag on ours, an erased visit and person.
    const stored = (await db.households.get(id))!;
    const other: Household = { ...stored, id: uuidv7(), label: 'Vì Thị Ơn', hamletId: hamlets[1]!.id, conflicts: [], hlc: {} };
    const otherPerson: Person = { ...(await db.persons.get(p1))!, id: uuidv7(), householdId: other.id, firstName: 'Ơn', conflicts: [], hlc: {} };
    const otherVisit: Visit = { ...first, id: uuidv7(), householdId: other.id, hamletId: other.hamletId, memberId: member.id, amends: null };
    const flagged: Household = { ...stored, conflicts: [{ field: 'phone', kept: '0988', keptHlc: stored.hlc.label!, lost: '0912', lostHlc: stored.hlc.label! }] };
    await dexieSyncStore.applyPull({ changes: [
      { entity: 'household', id: other.id, data: other }, { entity: 'person', id: otherPerson.id, data: otherPerson },
      { entity: 'visit', id: otherVisit.id, data: otherVisit }, { entity: 'household', id, data: flagged },
      { entity: 'visit', id: first.id, data: null }, { entity: 'person', id: p1, data: null },
    ], cursor: 'c1', hasMore: false, serverTime: new Date().toISOString() }, Date.now());
    const digests = await expectDigestsAndBundlesInStep();
    expect(digests.find((x) => x.id === id)).toMatchObject({ personsCount: 0, hasConflicts: true });
    expect(digests.find((x) => x.id === other.id)).toMatchObject({ hamletId: hamlets[1]!.id, personsCount: 1, visitedEver: true });

    await openDashboard();
    expect(await dismissConflict('household', id, 'phone')).toBe(true);
    expect((await expectDigestsAndBundlesInStep()).find((x) => x.id === id)!.hasConflicts).toBe(false);

    // A household tombstone from the server and a local removal both take the digest away.
    await openDashboard();
    await dexieSyncStore.applyPull({ changes: [{ entity: 'household', id: other.id, data: null }], cursor: 'c2', hasMore: false, serverTime: new Date().toISOString() }, Date.now());
    await openDashboard();
    await requestHouseholdRemoval(id);
    expect(await expectDigestsAndBundlesInStep()).toEqual([]);
    expect(commune.id).toBeTruthy();
  });

  it('the list reads digests: same summaries as the rows say, Vietnamese name order', async () => {
    const { hamlets } = await enrolled();
    for (const label of ['Nguyễn Văn Bình', 'Lê Thị An', 'Trần Văn Ân']) await saveHousehold({ fields: householdFields(hamlets[0]!.id, label), persons: [] });
    const list = await listHouseholdSummaries(hamlets[0]!.id);
    expect(list.map((s) => s.label)).toEqual(['Lê Thị An', 'Trần Văn Ân', 'Nguyễn Văn Bình']);
    expect(list[0]).not.toHaveProperty('facts');
  });

  it('demo load and removal add and remove exactly the demo digests', async () => {
    const { hamlets } = await enrolled();
    const real = await saveHousehold({ fields: householdFields(hamlets[0]!.id), persons: [] });
    await loadDemo({ households: 40, visitsPerHousehold: 3 });
    expect((await expectDigestsAndBundlesInStep()).length).toBe(41);
    await removeDemo();
    expect((await expectDigestsAndBundlesInStep()).map((x) => x.id)).toEqual([real]);
  });
});

describe('warming the bundles after a sync', () => {
  it('rebuilds every hamlet bundle on a leader phone, nothing on a member phone', async () => {
    const res = enrolResponse(3);
    await saveEnrolment(res, 'http://sync.test/');
    for (const h of res.hamlets) await saveHousehold({ fields: householdFields(h.id), persons: [] });
    expect(await warmHamletFacts()).toBe(0);
    expect(await db.hamletFacts.count()).toBe(0);
    await freshDb();
    await saveEnrolment({ ...res, member: { ...res.member, role: 'hamlet_leader' } }, 'http://sync.test/');
    for (const h of res.hamlets) await saveHousehold({ fields: householdFields(h.id), persons: [] });
    expect(await warmHamletFacts()).toBe(3);
    expect(await db.hamletFacts.count()).toBe(3);
    await expectDigestsAndBundlesInStep();
  });
});

describe('upgrade from schema v1', () => {
  it('builds a digest for every household already on the phone', async () => {
    const name = `v1-${uuidv7()}`;
    const v1 = new Dexie(name);
    v1.version(1).stores({
      meta: 'key', communes: 'id', hamlets: 'id, communeId, demo', members: 'id, communeId, demo', households: 'id, hamletId, demo',
      persons: 'id, householdId, demo', visits: 'id, householdId, hamletId, at, demo', events: 'id, on, demo',
      reports: 'id, submittedAt, demo', drafts: 'householdId', outbox: '++seq, &mutationId, status, householdId, demo',
    });
    // Rows written by the v1 app: the demo generator's households, people and visits.
    await db.open();
    await loadDemo({ households: 30, visitsPerHousehold: 4 });
    const [households, persons, visits] = await Promise.all([db.households.toArray(), db.persons.toArray(), db.visits.toArray()]);
    await v1.open();
    await v1.table('households').bulkPut(households);
    await v1.table('persons').bulkPut(persons);
    await v1.table('visits').bulkPut(visits);
    v1.close();
    const upgraded = new TungNhaDb(name);
    await upgraded.open();
    const facts = new Map((await upgraded.householdFacts.toArray()).map((f) => [f.id, f.facts]));
    const digests = (await upgraded.digests.toArray()).map((d) => ({ ...d, facts: facts.get(d.id)! })).sort(byId);
    expect(digests.length).toBe(30);
    expect(digests).toEqual(digestRows(households, persons, visits).sort(byId));
    upgraded.close();
    await Dexie.delete(name);
  });
});

describe('upgrade from schema v2', () => {
  it('keeps every row when the unread indexes go (D-V2), and the kept indexes still find them', async () => {
    const name = `v2-${uuidv7()}`;
    const v2 = new Dexie(name);
    const v1Stores = {
      meta: 'key', communes: 'id', hamlets: 'id, communeId, demo', members: 'id, communeId, demo', households: 'id, hamletId, demo',
      persons: 'id, householdId, demo', visits: 'id, householdId, hamletId, at, demo', events: 'id, on, demo',
      reports: 'id, submittedAt, demo', drafts: 'householdId', outbox: '++seq, &mutationId, status, householdId, demo',
    };
    v2.version(1).stores(v1Stores);
    v2.version(2).stores({ visits: 'id, householdId, demo', digests: 'id, hamletId, demo', householdFacts: 'id, hamletId, demo', hamletFacts: 'hamletId' });
    // A v2 phone's data: the demo commune, a real visit with its outbox entry, a draft.
    await db.open();
    await loadDemo({ households: 12, visitsPerHousehold: 3 });
    const h = (await db.households.toArray())[0]!;
    await recordVisit({ householdId: h.id, kind: 'home', notes: '', outcomes: [], followUpOn: null });
    const names = ['meta', 'communes', 'hamlets', 'members', 'households', 'persons', 'visits', 'events', 'reports', 'drafts', 'outbox', 'digests', 'householdFacts', 'hamletFacts'];
    const dump = (d: Dexie) => Promise.all(names.map((t) => d.table(t).toArray()));
    const before = await dump(db);
    expect(before[names.indexOf('outbox')]!.length).toBe(1);
    await v2.open();
    for (const [i, t] of names.entries()) await v2.table(t).bulkPut(before[i]!);
    v2.close();
    const upgraded = new TungNhaDb(name);
    await upgraded.open();
    expect(upgraded.verno).toBe(3);
    expect(upgraded.outbox.schema.indexes.map((i) => i.name).sort()).toEqual(['demo', 'householdId', 'status']);
    expect(await dump(upgraded)).toEqual(before);
    expect(await upgraded.outbox.where('status').equals('pending').count()).toBe(1);
    expect(await upgraded.visits.where('householdId').equals(h.id).count()).toBe(before[names.indexOf('visits')]!.filter((v) => v.householdId === h.id).length);
    upgraded.close();
    await Dexie.delete(name);
  });
});

describe('dashboard from digests', () => {
  it('equals the dashboard computed from the full rows', async () => {
    const now = Date.UTC(2026, 10, 20);
    await loadDemo({ households: 120, visitsPerHousehold: 5, now });
    await expectDigestsAndBundlesInStep(); // loadDemo builds the bundles itself
    const h = (await db.households.toArray())[0]!;
    const v = (await db.visits.where('householdId').equals(h.id).toArray())[0]!;
    await recordVisit({ householdId: h.id, kind: 'home', notes: '', outcomes: [outcome('e_wallet', null, 'done')], followUpOn: null, amends: v.id }, now);
    const data = await loadDashboardData(); // rebuilds the amended household's hamlet bundle
    await expectDigestsAndBundlesInStep();
    const req = { period: monthPeriod(2026, 11), now };
    const fromDigests = dashboardFrom(data, req);
    const [households, persons, visits] = await Promise.all([db.households.toArray(), db.persons.toArray(), db.visits.toArray()]);
    const fromRows = dashboardFrom({ ...data, input: { ...data.input, households, persons, visits, prepared: undefined } }, req);
    // The loader hands the figures the merged columns (D-R4), not rows.
    expect(data.input.prepared?.household.size).toBe(households.length);
    expect(data.input.visits).toEqual([]);
    expect(fromDigests.counts).toEqual(fromRows.counts);
    expect(fromDigests.trend).toEqual(fromRows.trend);
    expect(fromDigests.followUps).toEqual(fromRows.followUps);
    expect(fromDigests.counts.commune.visits.inPeriod).toBeGreaterThan(0);
  });
});
