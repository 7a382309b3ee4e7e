/** Loads the hand-made report fixture (tests/unit/report-fixtures.ts) into a server store as synced rows. */
import type { Store } from '../../server/db';
import { COMMUNE, fixture, H1, HAMLETS, id } from '../unit/report-fixtures';
import { monthPeriod } from '../../src/shared/report';

export const SUBMITTED = {
  id: id('a01'), communeId: COMMUNE, hamletId: H1, period: monthPeriod(2026, 1), figures: {}, difficulties: '', recommendations: '',
  commendations: '', submittedBy: id('e1'), submittedAt: '2026-02-01T02:00:00.000Z',
};

export async function loadFixture(store: Store): Promise<void> {
  const row = (rid: string, hamletId: string | null, data: unknown) => ({ id: rid, commune_id: COMMUNE, hamlet_id: hamletId, seq: 1, data: JSON.stringify(data) });
  const hamletOf = new Map(fixture.households.map((h) => [h.id, h.hamletId]));
  await store.db.insertInto('hamlets').values(HAMLETS.map((h) => row(h.id, null, h))).execute();
  await store.db.insertInto('households').values(fixture.households.map((h) => ({ ...row(h.id, h.hamletId, { ...h, communeId: COMMUNE }), prev_hamlet_id: null }))).execute();
  await store.db.insertInto('persons').values(fixture.persons.map((p) => ({ ...row(p.id, hamletOf.get(p.householdId)!, p), household_id: p.householdId }))).execute();
  await store.db.insertInto('visits').values(fixture.visits.map((v) => ({ ...row(v.id, hamletOf.get(v.householdId)!, v), household_id: v.householdId }))).execute();
  await store.db.insertInto('events').values(fixture.events.map((e) => row(e.id, null, e))).execute();
  await store.db.insertInto('members').values(fixture.members.map((m) => ({ ...row(m.id, null, m), role: m.role, hamlet_ids: JSON.stringify(m.hamletIds) }))).execute();
  await store.db.insertInto('reports').values(row(SUBMITTED.id, H1, SUBMITTED)).execute();
  // A removed household (tombstone) must not count.
  await store.db.insertInto('households').values({ id: id('dead'), commune_id: COMMUNE, hamlet_id: H1, seq: 2, data: null, prev_hamlet_id: null }).execute();
}
