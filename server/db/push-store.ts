/**
 * Storage side of a push: load what the batches touch in bulk, let the caller decide (pure code in server/sync),
 * then write every accepted change (push-writes.ts) — inside one transaction (group-commit.ts).
 * If anything throws, the transaction rolls back: nothing of the batch is written and the client retries later.
 */
import { sql, type Transaction } from 'kysely';
import type { Household, Member, Person } from '../../src/shared/schema';
import type { PushContext, PushRefs, PushWrites, StoredHousehold } from '../sync/push-types';
import type { Database } from './schema';
import { unique } from './seq';
import type { DbKind, Store } from './connect';
import { idIn } from './bulk';
import { enqueuePush } from './group-commit';
import type { PushMeta } from './push-writes';

export type { PushMeta } from './push-writes';
export { upsertMembers } from './push-writes';

/** A stored household whose JSON is parsed only if a mutation reads its fields: a visit needs only its commune,
 *  hamlet and whether it was removed, and 5,000 visits of a group touch thousands of households. */
function storedHousehold(communeId: string, hamletId: string | null, text: string | null): StoredHousehold {
  let data: Household | null | undefined = text === null ? null : undefined;
  return {
    communeId, hamletId, removed: text === null,
    get data() { return data === undefined ? (data = JSON.parse(text!) as Household) : data; },
  };
}

/** A household only visits refer to, loaded without its data (reading and transferring thousands of households' JSON
 *  was most of a group's look-up time). Only visit.create reads it, and it never reads `data` (server/sync/apply.ts). */
export function householdForVisits(communeId: string, hamletId: string | null, removed: boolean): StoredHousehold {
  return {
    communeId, hamletId, removed,
    get data(): Household | null { throw new Error('household data not loaded: only visits refer to this household'); },
  };
}

export async function loadContext(trx: Transaction<Database>, kind: DbKind, refs: PushRefs): Promise<PushContext> {
  const ctx: PushContext = {
    mutationHashes: new Map(), households: new Map(), persons: new Map(), visits: new Map(),
    events: new Set(), reports: new Set(), members: new Map(),
  };
  // One statement per table with one parameter (bulk.ts idIn), whatever the number of ids.
  const ids = (list: string[]) => unique(list);
  const mutationIds = ids(refs.mutationIds);
  if (mutationIds.length > 0) {
    const rows = await trx.selectFrom('mutations').select(['id', 'content_hash']).where(idIn(kind, mutationIds)).execute();
    for (const r of rows) ctx.mutationHashes.set(r.id, r.content_hash);
  }
  const householdIds = new Set(refs.householdIds);
  const personIds = ids(refs.personIds);
  if (personIds.length > 0) {
    const rows = await trx.selectFrom('persons').select(['id', 'commune_id', 'household_id', 'data']).where(idIn(kind, personIds)).execute();
    for (const r of rows) {
      ctx.persons.set(r.id, { communeId: r.commune_id, householdId: r.household_id, data: r.data === null ? null : (JSON.parse(r.data) as Person) });
      householdIds.add(r.household_id);
    }
  }
  if (householdIds.size > 0) {
    const rows = await trx.selectFrom('households').select(['id', 'commune_id', 'hamlet_id', 'data']).where(idIn(kind, [...householdIds])).execute();
    for (const r of rows) ctx.households.set(r.id, storedHousehold(r.commune_id, r.hamlet_id, r.data));
  }
  const forVisits = unique(refs.visitHouseholdIds).filter((id) => !householdIds.has(id));
  if (forVisits.length > 0) {
    const rows = await trx.selectFrom('households').select(['id', 'commune_id', 'hamlet_id', sql<number>`data is null`.as('removed')])
      .where(idIn(kind, forVisits)).execute();
    // SQLite answers 0/1, PostgreSQL true/false.
    for (const r of rows) ctx.households.set(r.id, householdForVisits(r.commune_id, r.hamlet_id, Boolean(r.removed)));
  }
  const visitIds = ids(refs.visitIds);
  if (visitIds.length > 0) {
    const rows = await trx.selectFrom('visits').select(['id', 'commune_id', 'data']).where(idIn(kind, visitIds)).execute();
    for (const r of rows) ctx.visits.set(r.id, { communeId: r.commune_id, data: r.data });
  }
  const eventIds = ids(refs.eventIds);
  if (eventIds.length > 0) {
    for (const r of await trx.selectFrom('events').select('id').where(idIn(kind, eventIds)).execute()) ctx.events.add(r.id);
  }
  const reportIds = ids(refs.reportIds);
  if (reportIds.length > 0) {
    for (const r of await trx.selectFrom('reports').select('id').where(idIn(kind, reportIds)).execute()) ctx.reports.add(r.id);
  }
  const memberIds = ids(refs.memberIds);
  if (memberIds.length > 0) {
    const rows = await trx.selectFrom('members').select(['id', 'commune_id', 'data']).where(idIn(kind, memberIds)).execute();
    for (const r of rows) ctx.members.set(r.id, { communeId: r.commune_id, data: r.data === null ? null : (JSON.parse(r.data) as Member) });
  }
  return ctx;
}

/** Runs one push batch atomically (possibly committed together with concurrent batches, see group-commit.ts).
 *  `decide` is pure: it gets the loaded state and returns results and writes. */
export function pushTransaction<R>(
  store: Store, meta: PushMeta, refs: PushRefs, decide: (ctx: PushContext) => { results: R; writes: PushWrites },
  ticket?: { release(): void },
): Promise<R> {
  return enqueuePush(store, { meta, refs, decide }, ticket);
}
