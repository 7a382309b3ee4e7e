/**
 * Demo mode: the generated commune "Tam Quang" stored locally so a person can try the app offline without a
 * server. Every demo row carries `demo: 1`; its outbox items are never sent; removal touches nothing else.
 */
import { db } from './db';
import { withFirstPaintCleared } from './first-paint';
import { digestRows, putDigests } from './digest-upgrade';
import { hamletBundle } from '../shared/hamlet-facts';
import { groupBy } from '../shared/group';
import { deleteMeta, getMeta, setMeta, type DemoIdentity } from './meta';
import type { DemoOptions } from '../shared/demo';
import { uuidv7 } from '../shared/ids';
import type { Member } from '../shared/schema';

const flag = <T extends object>(rows: T[]) => rows.map((r) => ({ ...r, demo: 1 as const }));


/** Loads the demo commune in one bulk transaction (IndexedDB cost is per transaction, not per row). */
export function loadDemo(opts: DemoOptions = {}): Promise<DemoIdentity> {
  return withFirstPaintCleared(() => storeDemo(opts));
}

async function storeDemo(opts: DemoOptions): Promise<DemoIdentity> {
  const now = opts.now ?? Date.now();
  // Loaded on demand: the generator and its word lists are not needed on the first route.
  const { generateDemoCommune } = await import('../shared/demo');
  const demo = generateDemoCommune({ ...opts, now });
  const me: Member = {
    id: uuidv7(now), communeId: demo.commune.id, name: 'Bạn (dùng thử)', role: 'hamlet_leader',
    hamletIds: demo.hamlets.map((h) => h.id), phone: null, joinedOn: null, leftOn: null, status: 'approved',
  };
  const identity: DemoIdentity = { memberId: me.id, communeId: demo.commune.id };
  await removeDemo();
  await db.transaction('rw', [db.meta, db.communes, db.hamlets, db.members, db.households, db.persons, db.visits, db.digests, db.householdFacts, db.hamletFacts], async () => {
    await db.communes.put(demo.commune);
    await db.hamlets.bulkPut(flag(demo.hamlets));
    await db.members.bulkPut(flag([...demo.members, me]));
    const households = flag(demo.households), persons = flag(demo.persons), visits = flag(demo.visits);
    await db.households.bulkPut(households);
    await db.persons.bulkPut(persons);
    await db.visits.bulkPut(visits);
    const digests = digestRows(households, persons, visits);
    await putDigests(db.digests, db.householdFacts, digests);
    // The demo's facts bundles too (string concatenation): a leader trying the demo opens the dashboard at once.
    const byHamlet = groupBy(digests.sort((a, b) => (a.id < b.id ? -1 : 1)), (d) => d.hamletId);
    await db.hamletFacts.bulkPut([...byHamlet].map(([hamletId, ds]) => hamletBundle(hamletId, ds)));
    await setMeta('demo', identity);
    const settings = (await getMeta<{ hamletId?: string | null }>('settings')) ?? {};
    if (!settings.hamletId) await setMeta('settings', { lang: 'vi', ...settings, hamletId: demo.hamlets[0]?.id ?? null });
  });
  return identity;
}

/** Removes every demo row, demo outbox item and draft of a demo household; real data is untouched. */
export function removeDemo(): Promise<void> {
  return withFirstPaintCleared(() => db.transaction('rw', [db.meta, db.communes, db.hamlets, db.members, db.households, db.persons, db.visits, db.events, db.reports, db.drafts, db.outbox, db.digests, db.householdFacts, db.hamletFacts], async () => {
    const demoHouseholds = await db.households.where('demo').equals(1).primaryKeys();
    await db.drafts.bulkDelete(demoHouseholds);
    const identity = await getMeta<DemoIdentity>('demo');
    if (identity) await db.communes.delete(identity.communeId);
    // Visits, digests and household facts have no demo index (D-V2): theirs are the demo households' ones.
    await db.visits.where('householdId').anyOf(demoHouseholds).delete();
    await db.digests.bulkDelete(demoHouseholds);
    await db.householdFacts.bulkDelete(demoHouseholds);
    for (const table of [db.hamlets, db.members, db.households, db.persons, db.events, db.reports, db.outbox] as const) {
      await (table as unknown as typeof db.hamlets).where('demo').equals(1).delete();
    }
    await db.hamletFacts.clear(); // a cache over the digests: rebuilt when the dashboard next needs it
    const settings = await getMeta<{ hamletId?: string | null }>('settings');
    if (settings?.hamletId && !(await db.hamlets.get(settings.hamletId))) {
      const first = (await db.hamlets.orderBy('id').first())?.id ?? null;
      await setMeta('settings', { ...settings, hamletId: first });
    }
    await deleteMeta('demo');
  }));
}
