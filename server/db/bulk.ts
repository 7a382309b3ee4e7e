/**
 * Bulk insert of many rows in one statement. SQLite: a multi-row VALUES list. PostgreSQL: one array parameter per
 * column expanded with unnest(), so a 1,000-row batch is 6–9 parameters instead of 9,000 (parsing and planning a
 * statement with thousands of placeholders dominated push time). Same rows, same ON CONFLICT (id) DO NOTHING.
 */
import { sql, type Expression, type ExpressionBuilder, type SqlBool, type Transaction } from 'kysely';
import type { DbKind } from './connect';
import type { Database } from './schema';
import { chunks } from './seq';

type Column = [name: string, pgType: 'text' | 'bigint'];

export async function insertIgnoringDuplicates<T extends 'mutations' | 'visits'>(
  trx: Transaction<Database>, kind: DbKind, table: T, columns: Column[], rows: Database[T][],
): Promise<void> {
  if (rows.length === 0) return;
  if (kind === 'sqlite') {
    for (const part of chunks(rows, 1000)) {
      await trx.insertInto(table).values(part as never).onConflict((oc) => oc.column('id').doNothing()).execute();
    }
    return;
  }
  const arrays = columns.map(([name, type]) => sql`${sql.val(rows.map((r) => (r as unknown as Record<string, unknown>)[name] ?? null))}::${sql.raw(type)}[]`);
  await sql`insert into ${sql.table(table)} (${sql.join(columns.map(([name]) => sql.ref(name)))})
    select * from unnest(${sql.join(arrays)}) on conflict (id) do nothing`.execute(trx);
}

/** `id IN (…)`: on PostgreSQL one array parameter (`id = any($1::text[])`), on SQLite a placeholder list. */
export function idIn(eb: ExpressionBuilder<any, any>, kind: DbKind, ids: string[]): Expression<SqlBool> {
  return kind === 'postgres' ? sql<SqlBool>`${sql.ref('id')} = any(${sql.val(ids)}::text[])` : eb('id', 'in', ids);
}

/** Id lists split for lookups: SQLite keeps under its bound-parameter limit; PostgreSQL takes one array. */
export function idGroups(kind: DbKind, ids: string[]): string[][] {
  if (ids.length === 0) return [];
  return kind === 'postgres' ? [ids] : chunks(ids, 500);
}
