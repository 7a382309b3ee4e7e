/**
 * Writes the accepted changes of a group commit (group-commit.ts): the batches' writes are turned into rows and, when
 * that is equivalent, written with ONE statement per table for the whole group instead of one per batch (50 phones'
 * batches were 100+ INSERTs per commit; on PostgreSQL each is a round trip and a parse/plan).
 * Equivalence: rows are keyed by entity id and a later batch's state of an entity is the final one (it was decided on
 * the shared state, after the earlier batch), so "last wins" per id gives the same rows as writing batch by batch.
 * The exception is a batch that moves or erases a household: those UPDATE rows by household and must see exactly the
 * rows written before them, so a group containing one is written batch by batch, in order, as before.
 */
import { sql, type Transaction } from 'kysely';
import type { Member } from '../../src/shared/schema';
import type { PushWrites } from '../sync/push-types';
import { canonicalJson } from '../sync/canonical';
import type { Database, HouseholdRow, MutationRow, OriginRow, PersonRow, VisitRow } from './schema';
import { chunks } from './seq';
import type { Store } from './connect';
import { insertIgnoringDuplicates, type Column } from './bulk';

export interface PushMeta { communeId: string; deviceId: string; memberId: string; nowMs: number }
export interface BatchWrites { writes: PushWrites; meta: PushMeta }

interface GroupRows {
  mutations: MutationRow[];
  households: Map<string, HouseholdRow>;
  persons: Map<string, PersonRow>;
  visits: VisitRow[];
  events: OriginRow[];
  reports: OriginRow[];
  members: Map<string, Member>;
  moved: [householdId: string, hamletId: string][];
  erased: string[];
}

const json = (v: unknown) => (v === null ? null : canonicalJson(v));

const MUTATION_COLUMNS: Column[] = [
  ['id', 'text'], ['commune_id', 'text'], ['device_id', 'text'], ['member_id', 'text'], ['type', 'text'], ['entity_id', 'text'],
  ['content_hash', 'text'], ['received_at', 'bigint'], ['status', 'text'],
];
const VISIT_COLUMNS: Column[] = [['id', 'text'], ['commune_id', 'text'], ['hamlet_id', 'text'], ['household_id', 'text'], ['seq', 'bigint'], ['data', 'text'], ['origin_device', 'text']];

/** The rows a list of batches writes, in batch order (later batches' entity states replace earlier ones). */
function rowsOf(batches: BatchWrites[], seq: number): GroupRows {
  const rows: GroupRows = { mutations: [], households: new Map(), persons: new Map(), visits: [], events: [], reports: [], members: new Map(), moved: [], erased: [] };
  for (const { writes: w, meta } of batches) {
    const commune = meta.communeId;
    for (const m of w.mutations) {
      rows.mutations.push({ id: m.id, commune_id: commune, device_id: meta.deviceId, member_id: meta.memberId, type: m.type, entity_id: m.entityId, content_hash: m.contentHash, received_at: meta.nowMs, status: 'accepted' });
    }
    for (const [id, h] of w.households) rows.households.set(id, { id, commune_id: commune, hamlet_id: h.hamletId, prev_hamlet_id: h.prevHamletId, seq, data: json(h.data) });
    for (const [id, p] of w.persons) rows.persons.set(id, { id, commune_id: commune, hamlet_id: p.hamletId, household_id: p.householdId, seq, data: json(p.data) });
    for (const { visit: v, json: text, adjusted } of w.visits) {
      // Not echoed to its creator unless the server changed it (then the creator's copy is stale).
      rows.visits.push({ id: v.id, commune_id: commune, hamlet_id: v.hamletId, household_id: v.householdId, seq, data: text, origin_device: adjusted ? null : meta.deviceId });
    }
    for (const e of w.events) rows.events.push({ id: e.id, commune_id: commune, hamlet_id: null, seq, data: canonicalJson(e), origin_device: meta.deviceId });
    for (const r of w.reports) rows.reports.push({ id: r.id, commune_id: commune, hamlet_id: r.hamletId, seq, data: canonicalJson(r), origin_device: meta.deviceId });
    for (const [id, m] of w.members) rows.members.set(id, m);
    rows.moved.push(...w.movedHouseholds);
    rows.erased.push(...w.erasedHouseholds);
  }
  return rows;
}

/** Writes a group's batches: one statement per table for the group, or batch by batch when a household moved or was erased. */
export async function writeGroup(trx: Transaction<Database>, store: Store, batches: BatchWrites[], seq: number): Promise<void> {
  const ordered = batches.some(({ writes: w }) => w.movedHouseholds.size > 0 || w.erasedHouseholds.size > 0);
  if (!ordered) return writeRows(trx, store, rowsOf(batches, seq), seq);
  for (const batch of batches) await writeRows(trx, store, rowsOf([batch], seq), seq);
}

async function writeRows(trx: Transaction<Database>, store: Store, rows: GroupRows, seq: number): Promise<void> {
  await insertIgnoringDuplicates(trx, store, 'mutations', MUTATION_COLUMNS, rows.mutations);
  for (const part of chunks([...rows.households.values()], 400)) {
    await trx.insertInto('households').values(part).onConflict((oc) => oc.column('id').doUpdateSet((eb) => ({
      // A put that does not move the household keeps the hamlet it last left: that hamlet's phones which have not
      // pulled since the move still need its tombstone (the pull sends them the row, without data, by prev_hamlet_id).
      hamlet_id: eb.ref('excluded.hamlet_id'), prev_hamlet_id: sql<string | null>`coalesce(excluded.prev_hamlet_id, households.prev_hamlet_id)`,
      seq: eb.ref('excluded.seq'), data: eb.ref('excluded.data'),
    }))).execute();
  }
  for (const ids of chunks(rows.erased)) {
    // Erasure on request: the personal data goes; the household tombstone tells devices to drop everything under it.
    await trx.updateTable('persons').set({ data: null }).where('household_id', 'in', ids).execute();
    await trx.updateTable('visits').set({ data: null }).where('household_id', 'in', ids).execute();
  }
  for (const part of chunks([...rows.persons.values()], 400)) {
    await trx.insertInto('persons').values(part).onConflict((oc) => oc.column('id').doUpdateSet((eb) => ({
      hamlet_id: eb.ref('excluded.hamlet_id'), household_id: eb.ref('excluded.household_id'), seq: eb.ref('excluded.seq'), data: eb.ref('excluded.data'),
    }))).execute();
  }
  await insertIgnoringDuplicates(trx, store, 'visits', VISIT_COLUMNS, rows.visits);
  // After this batch's own people and visits, so that those pushed together with the move (decided in the old hamlet)
  // move with it.
  for (const [id, hamletId] of rows.moved) {
    await trx.updateTable('persons').set({ hamlet_id: hamletId, seq }).where('household_id', '=', id).execute();
    // Re-sequenced visits go to every device again (origin cleared): their creator may have dropped them when the
    // household left its hamlets, and now needs them back.
    await trx.updateTable('visits').set({ hamlet_id: hamletId, seq, origin_device: null }).where('household_id', '=', id).execute();
  }
  for (const part of chunks(rows.events, 400)) await trx.insertInto('events').values(part).onConflict((oc) => oc.column('id').doNothing()).execute();
  for (const part of chunks(rows.reports, 400)) await trx.insertInto('reports').values(part).onConflict((oc) => oc.column('id').doNothing()).execute();
  for (const part of chunks([...rows.members.values()], 400)) await upsertMembers(trx, part, seq);
}

export async function upsertMembers(trx: Transaction<Database>, members: Member[], seq: number): Promise<void> {
  await trx.insertInto('members').values(members.map((m) => ({
    id: m.id, commune_id: m.communeId, hamlet_id: null, seq, data: canonicalJson(m), role: m.role, hamlet_ids: JSON.stringify(m.hamletIds),
  }))).onConflict((oc) => oc.column('id').doUpdateSet((eb) => ({
    seq: eb.ref('excluded.seq'), data: eb.ref('excluded.data'), role: eb.ref('excluded.role'), hamlet_ids: eb.ref('excluded.hamlet_ids'),
  }))).execute();
}
