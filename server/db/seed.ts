/**
 * Seeds a commune (the demo commune on first start) in one transaction with one seq. Idempotent: a commune that is
 * already there is left alone, so restarts never duplicate or reset data.
 */
import type { DemoCommune } from '../../src/shared/demo';
import { canonicalJson } from '../sync/canonical';
import type { Store } from './connect';
import { chunks, nextSeq } from './seq';
import { upsertMembers } from './push-store';

export async function seedCommune(store: Store, demo: DemoCommune): Promise<boolean> {
  return store.db.transaction().execute(async (trx) => {
    const exists = await trx.selectFrom('communes').select('id').where('id', '=', demo.commune.id).executeTakeFirst();
    if (exists) return false;
    const seq = await nextSeq(trx);
    const communeId = demo.commune.id;
    await trx.insertInto('communes').values({ id: communeId, commune_id: communeId, hamlet_id: null, seq, data: canonicalJson(demo.commune) }).execute();
    await trx.insertInto('hamlets').values(demo.hamlets.map((h) => ({ id: h.id, commune_id: communeId, hamlet_id: null, seq, data: canonicalJson(h) }))).execute();
    for (const part of chunks(demo.members, 400)) await upsertMembers(trx, part, seq);
    for (const part of chunks(demo.households, 400)) {
      await trx.insertInto('households').values(part.map((h) => ({ id: h.id, commune_id: communeId, hamlet_id: h.hamletId, prev_hamlet_id: null, seq, data: canonicalJson(h) }))).execute();
    }
    const hamletOf = new Map(demo.households.map((h) => [h.id, h.hamletId]));
    for (const part of chunks(demo.persons, 400)) {
      await trx.insertInto('persons').values(part.map((p) => ({ id: p.id, commune_id: communeId, hamlet_id: hamletOf.get(p.householdId)!, household_id: p.householdId, seq, data: canonicalJson(p) }))).execute();
    }
    for (const part of chunks(demo.visits, 400)) {
      await trx.insertInto('visits').values(part.map((v) => ({ id: v.id, commune_id: communeId, hamlet_id: v.hamletId, household_id: v.householdId, seq, data: canonicalJson(v) }))).execute();
    }
    return true;
  });
}
