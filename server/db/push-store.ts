/**
 * Storage side of a push: load what the batches touch in bulk, let the caller decide (pure code in server/sync),
 * then write every accepted change with multi-row statements — inside one transaction (group-commit.ts).
 * If anything throws, the transaction rolls back: nothing of the batch is written and the client retries later.
 */
import type { Transaction } from 'kysely';
import type { Household, Member, Person } from '../../src/shared/schema';
import type { PushContext, PushRefs, PushWrites } from '../sync/push-types';
import { canonicalJson } from '../sync/canonical';
import type { Database } from './schema';
import { chunks, nextSeq, unique } from './seq';
import type { DbKind, Store } from './connect';
import { idGroups, idIn, insertIgnoringDuplicates } from './bulk';
import { enqueuePush } from './group-commit';

export interface PushMeta { communeId: string; deviceId: string; memberId: string; nowMs: number }

export async function loadContext(trx: Transaction<Database>, kind: DbKind, refs: PushRefs): Promise<PushContext> {
  const groups = (ids: string[]) => idGroups(kind, unique(ids));
  const ctx: PushContext = {
    mutationHashes: new Map(), households: new Map(), persons: new Map(), visits: new Map(),
    events: new Set(), reports: new Set(), members: new Map(),
  };
  for (const ids of groups(refs.mutationIds)) {
    const rows = await trx.selectFrom('mutations').select(['id', 'content_hash']).where((eb) => idIn(eb, kind, ids)).execute();
    for (const r of rows) ctx.mutationHashes.set(r.id, r.content_hash);
  }
  const householdIds = new Set(refs.householdIds);
  for (const ids of groups(refs.personIds)) {
    const rows = await trx.selectFrom('persons').select(['id', 'commune_id', 'household_id', 'data']).where((eb) => idIn(eb, kind, ids)).execute();
    for (const r of rows) {
      ctx.persons.set(r.id, { communeId: r.commune_id, householdId: r.household_id, data: r.data === null ? null : (JSON.parse(r.data) as Person) });
      householdIds.add(r.household_id);
    }
  }
  for (const ids of groups([...householdIds])) {
    const rows = await trx.selectFrom('households').select(['id', 'commune_id', 'hamlet_id', 'data']).where((eb) => idIn(eb, kind, ids)).execute();
    for (const r of rows) ctx.households.set(r.id, { communeId: r.commune_id, hamletId: r.hamlet_id, data: r.data === null ? null : (JSON.parse(r.data) as Household) });
  }
  for (const ids of groups(refs.visitIds)) {
    const rows = await trx.selectFrom('visits').select(['id', 'commune_id', 'data']).where((eb) => idIn(eb, kind, ids)).execute();
    for (const r of rows) ctx.visits.set(r.id, { communeId: r.commune_id, data: r.data });
  }
  for (const ids of groups(refs.eventIds)) {
    for (const r of await trx.selectFrom('events').select('id').where((eb) => idIn(eb, kind, ids)).execute()) ctx.events.add(r.id);
  }
  for (const ids of groups(refs.reportIds)) {
    for (const r of await trx.selectFrom('reports').select('id').where((eb) => idIn(eb, kind, ids)).execute()) ctx.reports.add(r.id);
  }
  for (const ids of groups(refs.memberIds)) {
    const rows = await trx.selectFrom('members').select(['id', 'commune_id', 'data']).where((eb) => idIn(eb, kind, ids)).execute();
    for (const r of rows) ctx.members.set(r.id, { communeId: r.commune_id, data: r.data === null ? null : (JSON.parse(r.data) as Member) });
  }
  return ctx;
}

const json = (v: unknown) => (v === null ? null : canonicalJson(v));

const MUTATION_COLUMNS: [string, 'text' | 'bigint'][] = [
  ['id', 'text'], ['commune_id', 'text'], ['device_id', 'text'], ['member_id', 'text'], ['type', 'text'], ['entity_id', 'text'],
  ['content_hash', 'text'], ['received_at', 'bigint'], ['status', 'text'],
];
const VISIT_COLUMNS: [string, 'text' | 'bigint'][] = [['id', 'text'], ['commune_id', 'text'], ['hamlet_id', 'text'], ['household_id', 'text'], ['seq', 'bigint'], ['data', 'text'], ['origin_device', 'text']];

export async function writeChanges(trx: Transaction<Database>, kind: DbKind, w: PushWrites, meta: PushMeta, seq: number): Promise<void> {
  const commune = meta.communeId;
  await insertIgnoringDuplicates(trx, kind, 'mutations', MUTATION_COLUMNS, w.mutations.map((m) => ({
    id: m.id, commune_id: commune, device_id: meta.deviceId, member_id: meta.memberId, type: m.type, entity_id: m.entityId,
    content_hash: m.contentHash, received_at: meta.nowMs, status: 'accepted',
  })));
  for (const part of chunks([...w.households], 400)) {
    await trx.insertInto('households').values(part.map(([id, h]) => ({
      id, commune_id: commune, hamlet_id: h.hamletId, prev_hamlet_id: h.prevHamletId, seq, data: json(h.data),
    }))).onConflict((oc) => oc.column('id').doUpdateSet((eb) => ({
      hamlet_id: eb.ref('excluded.hamlet_id'), prev_hamlet_id: eb.ref('excluded.prev_hamlet_id'), seq: eb.ref('excluded.seq'), data: eb.ref('excluded.data'),
    }))).execute();
  }
  for (const [id, hamletId] of w.movedHouseholds) {
    await trx.updateTable('persons').set({ hamlet_id: hamletId, seq }).where('household_id', '=', id).execute();
    // Re-sequenced visits go to every device again (origin cleared): their creator may have dropped them when the
    // household left its hamlets, and now needs them back.
    await trx.updateTable('visits').set({ hamlet_id: hamletId, seq, origin_device: null }).where('household_id', '=', id).execute();
  }
  for (const ids of chunks([...w.erasedHouseholds])) {
    // Erasure on request: the personal data goes; the household tombstone tells devices to drop everything under it.
    await trx.updateTable('persons').set({ data: null }).where('household_id', 'in', ids).execute();
    await trx.updateTable('visits').set({ data: null }).where('household_id', 'in', ids).execute();
  }
  for (const part of chunks([...w.persons], 400)) {
    await trx.insertInto('persons').values(part.map(([id, p]) => ({
      id, commune_id: commune, hamlet_id: p.hamletId, household_id: p.householdId, seq, data: json(p.data),
    }))).onConflict((oc) => oc.column('id').doUpdateSet((eb) => ({
      hamlet_id: eb.ref('excluded.hamlet_id'), household_id: eb.ref('excluded.household_id'), seq: eb.ref('excluded.seq'), data: eb.ref('excluded.data'),
    }))).execute();
  }
  await insertIgnoringDuplicates(trx, kind, 'visits', VISIT_COLUMNS, w.visits.map(({ visit: v, json, adjusted }) => ({
    id: v.id, commune_id: commune, hamlet_id: v.hamletId, household_id: v.householdId, seq, data: json,
    // Not echoed to its creator unless the server changed it (then the creator's copy is stale).
    origin_device: adjusted ? null : meta.deviceId,
  })));
  for (const part of chunks(w.events, 400)) {
    await trx.insertInto('events').values(part.map((e) => ({ id: e.id, commune_id: commune, hamlet_id: null, seq, data: canonicalJson(e), origin_device: meta.deviceId })))
      .onConflict((oc) => oc.column('id').doNothing()).execute();
  }
  for (const part of chunks(w.reports, 400)) {
    await trx.insertInto('reports').values(part.map((r) => ({ id: r.id, commune_id: commune, hamlet_id: r.hamletId, seq, data: canonicalJson(r), origin_device: meta.deviceId })))
      .onConflict((oc) => oc.column('id').doNothing()).execute();
  }
  for (const part of chunks([...w.members.values()], 400)) await upsertMembers(trx, part, seq);
}

export async function upsertMembers(trx: Transaction<Database>, members: Member[], seq: number): Promise<void> {
  await trx.insertInto('members').values(members.map((m) => ({
    id: m.id, commune_id: m.communeId, hamlet_id: null, seq, data: canonicalJson(m), role: m.role, hamlet_ids: JSON.stringify(m.hamletIds),
  }))).onConflict((oc) => oc.column('id').doUpdateSet((eb) => ({
    seq: eb.ref('excluded.seq'), data: eb.ref('excluded.data'), role: eb.ref('excluded.role'), hamlet_ids: eb.ref('excluded.hamlet_ids'),
  }))).execute();
}

/** Runs one push batch atomically (possibly committed together with concurrent batches, see group-commit.ts).
 *  `decide` is pure: it gets the loaded state and returns results and writes. */
export function pushTransaction<R>(
  store: Store, meta: PushMeta, refs: PushRefs, decide: (ctx: PushContext) => { results: R; writes: PushWrites },
  ticket?: { release(): void },
): Promise<R> {
  return enqueuePush(store, { meta, refs, decide }, ticket);
}
