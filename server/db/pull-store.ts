/**
 * Pull: the changes of one commune after a cursor, in (seq, table, id) order, limited to the caller's hamlets.
 * Keyset pagination over the eight synced tables (each read with its (commune_id, seq) index, then merged), so a
 * page is bounded even when one push wrote thousands of rows with the same seq.
 * A household that moved out of the caller's hamlets is returned as a tombstone (data null) so their devices drop it.
 * Immutable rows the caller's own device created (origin_device) are not echoed back: the page is still cut over
 * them, so the cursor moves past them, but they are left out of `rows`. A page may therefore hold fewer rows than
 * its limit (even none) while hasMore is true; `last` is the position to resume after.
 */
import { sql, type Expression, type ExpressionBuilder, type SqlBool } from 'kysely';
import { ENTITY_KINDS, type EntityKind } from '../../src/shared/protocol';
import { SYNCED_TABLES, type Database } from './schema';
import type { Store } from './connect';

export interface PullPosition { seq: number; table: number; id: string }
export interface PulledRow { entity: EntityKind; id: string; seq: number; table: number; data: string | null }

/** Immutable tables that record the device that created each row. */
const WITH_ORIGIN = new Set<EntityKind>(['visit', 'event', 'report']);
/** Tables whose rows belong to one hamlet; the others (commune, hamlets, roster, events) are commune-wide. */
const HAMLET_SCOPED = new Set<EntityKind>(['household', 'person', 'visit', 'report']);

export async function pullRows(
  store: Store, communeId: string, hamlets: string[] | null, after: PullPosition, limit: number, ownDevice?: string,
): Promise<{ rows: PulledRow[]; hasMore: boolean; last: PullPosition | null }> {
  const all: (PulledRow & { own: boolean })[] = [];
  for (let t = 0; t < ENTITY_KINDS.length; t++) {
    const entity = ENTITY_KINDS[t]!;
    if (hamlets !== null && hamlets.length === 0 && HAMLET_SCOPED.has(entity)) continue;
    const table = SYNCED_TABLES[entity];
    const isHouseholds = entity === 'household';
    let q = store.db.selectFrom(table as 'communes')
      .select(['id', 'seq', 'data', 'hamlet_id'])
      .$if(isHouseholds, (qb) => qb.select(sql<string | null>`prev_hamlet_id`.as('prev_hamlet_id')))
      .$if(WITH_ORIGIN.has(entity), (qb) => qb.select(sql<string | null>`origin_device`.as('origin_device')))
      .where('commune_id', '=', communeId)
      .where((eb) => keyset(eb, t, after));
    if (hamlets !== null && HAMLET_SCOPED.has(entity)) {
      q = q.where((eb) => (isHouseholds
        ? eb.or([eb('hamlet_id', 'in', hamlets), eb(sql.ref('prev_hamlet_id'), 'in', hamlets)])
        : eb('hamlet_id', 'in', hamlets)));
    }
    const rows = await q.orderBy('seq').orderBy('id').limit(limit + 1).execute();
    for (const r of rows as { id: string; seq: number; data: string | null; hamlet_id: string | null; origin_device?: string | null }[]) {
      const visible = hamlets === null || !isHouseholds || (r.hamlet_id !== null && hamlets.includes(r.hamlet_id));
      const own = ownDevice !== undefined && r.origin_device === ownDevice;
      all.push({ entity, id: r.id, seq: Number(r.seq), table: t, data: visible ? r.data : null, own });
    }
  }
  // Stable sort on (seq, table): within one table the database's own id order is kept, so the keyset condition
  // (id > last id, in the database's collation) matches the order the page was cut in.
  all.sort((a, b) => a.seq - b.seq || a.table - b.table);
  const page = all.slice(0, limit);
  const end = page[page.length - 1];
  return {
    rows: page.filter((r) => !r.own).map(({ own: _own, ...row }) => row),
    hasMore: all.length > limit,
    last: end ? { seq: end.seq, table: end.table, id: end.id } : null,
  };
}

/** Rows strictly after the position in (seq, table, id) order, for table index t. */
function keyset(eb: ExpressionBuilder<Database, 'communes'>, t: number, after: PullPosition): Expression<SqlBool> {
  if (t < after.table) return eb('seq', '>', after.seq);
  if (t > after.table) return eb('seq', '>=', after.seq);
  return eb.or([eb('seq', '>', after.seq), eb.and([eb('seq', '=', after.seq), eb('id', '>', after.id)])]);
}

/** The highest seq written so far (for diagnostics and tests). */
export async function currentSeq(store: Store): Promise<number> {
  const row = await store.db.selectFrom('counters').select('value').where('name', '=', 'seq').executeTakeFirstOrThrow();
  return Number(row.value);
}
