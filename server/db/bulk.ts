/**
 * Bulk statements for push. SQLite: one cached prepared single-row INSERT run per row (better-sqlite3 runs it in a few
 * µs; building, compiling and preparing a fresh 200-row VALUES statement for every batch cost more than the inserts).
 * PostgreSQL: the rows as one JSON parameter expanded with json_to_recordset(), so a 5,000-row group is one parameter
 * instead of 45,000 (parsing and planning thousands of placeholders dominated push time). Same rows, same ON CONFLICT (id) DO NOTHING.
 */
import { sql, type Expression, type SqlBool, type Transaction } from 'kysely';
import type SqliteDatabase from 'better-sqlite3';
import type { DbKind, Store } from './connect';
import type { Database } from './schema';

export type Column = [name: string, pgType: 'text' | 'bigint'];

const statements = new WeakMap<SqliteDatabase.Database, Map<string, SqliteDatabase.Statement>>();

/** A prepared statement kept for the life of the connection (the SQL text is the key). */
function prepared(db: SqliteDatabase.Database, text: string): SqliteDatabase.Statement {
  let cache = statements.get(db);
  if (!cache) statements.set(db, (cache = new Map()));
  let stmt = cache.get(text);
  if (!stmt) cache.set(text, (stmt = db.prepare(text)));
  return stmt;
}

export async function insertIgnoringDuplicates<T extends 'mutations' | 'visits'>(
  trx: Transaction<Database>, store: Store, table: T, columns: Column[], rows: Database[T][],
): Promise<void> {
  if (rows.length === 0) return;
  const names = columns.map(([name]) => name);
  if (store.sqlite) {
    // Runs on the connection Kysely's transaction holds (better-sqlite3 has one), so it is part of that transaction.
    const stmt = prepared(store.sqlite, `insert into "${table}" (${names.map((n) => `"${n}"`).join(', ')}) values (${names.map(() => '?').join(', ')}) on conflict (id) do nothing`);
    for (const row of rows) stmt.run(names.map((n) => (row as unknown as Record<string, unknown>)[n] ?? null));
    return;
  }
  // The rows travel as ONE JSON text parameter read by json_to_recordset: node-postgres serialises a JS array
  // parameter element by element (quoting and escaping every string), which cost more CPU and garbage than the INSERT.
  // Every string here is an id, a hash, a type name or JSON.stringify output (lone surrogates already escaped as ASCII),
  // so PostgreSQL's JSON parser accepts whatever the text-array path accepted.
  const shape = sql.join(columns.map(([name, type]) => sql`${sql.ref(name)} ${sql.raw(type)}`));
  const cols = sql.join(names.map((name) => sql.ref(name)));
  await sql`insert into ${sql.table(table)} (${cols})
    select ${cols} from json_to_recordset(${JSON.stringify(rows)}::json) as r(${shape}) on conflict (id) do nothing`.execute(trx);
}

/** `id IN (…)` with ONE parameter whatever the list's length: a JSON array, expanded by json_array_elements_text on
 *  PostgreSQL and json_each on SQLite — the statement text stays the same, no bound-parameter limit, no chunks.
 *  On PostgreSQL this replaced `id = any($1::text[])`: node-postgres escaped every array element, and with thousands of
 *  ids the planner chose a sequential scan of the growing visits and mutations tables (30–300 ms per look-up under
 *  load); the set-returning function is estimated at 100 rows, so each id is an index probe (D-I4). */
export function idIn(kind: DbKind, ids: string[]): Expression<SqlBool> {
  return kind === 'postgres'
    ? sql<SqlBool>`${sql.ref('id')} in (select json_array_elements_text(${JSON.stringify(ids)}::json))`
    : sql<SqlBool>`${sql.ref('id')} in (select value from json_each(${JSON.stringify(ids)}))`;
}
