/**
 * Opens the database: embedded SQLite in DATA_DIR (default ./data) or PostgreSQL when DATABASE_URL is set.
 * SQLite runs in WAL with synchronous=FULL: a push is acknowledged only once it is on disk (a power cut at the
 * cultural house must not lose visits the phone already dropped from its outbox).
 */
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import SqliteDatabase from 'better-sqlite3';
import pg from 'pg';
import { Kysely, PostgresDialect, SqliteDialect } from 'kysely';
import type { Database } from './schema';
import { migrateToLatest } from './migrations';

export type DbKind = 'sqlite' | 'postgres';

export interface Store {
  db: Kysely<Database>;
  kind: DbKind;
  close(): Promise<void>;
}

export interface OpenOptions {
  dataDir?: string;
  databaseUrl?: string;
  /** Run migrations (default true). */
  migrate?: boolean;
}

const INT8_OID = 20;

export async function openStore(opts: OpenOptions = {}): Promise<Store> {
  let db: Kysely<Database>;
  let kind: DbKind;
  if (opts.databaseUrl) {
    kind = 'postgres';
    // bigint columns (seq, times) stay below 2^53, so they are read as numbers rather than strings.
    const types = { getTypeParser: (oid: number, format?: string) => (oid === INT8_OID ? (v: string) => Number(v) : pg.types.getTypeParser(oid, format as 'text')) };
    const pool = new pg.Pool({ connectionString: opts.databaseUrl, max: 10, types: types as never });
    pool.on('error', () => { /* an idle client lost its connection; the pool replaces it */ });
    db = new Kysely<Database>({ dialect: new PostgresDialect({ pool }) });
  } else {
    kind = 'sqlite';
    const dir = opts.dataDir ?? 'data';
    mkdirSync(dir, { recursive: true });
    const sqlite = new SqliteDatabase(join(dir, 'tung-nha.sqlite'));
    sqlite.pragma('journal_mode = WAL');
    sqlite.pragma('synchronous = FULL');
    sqlite.pragma('busy_timeout = 5000');
    sqlite.pragma('foreign_keys = ON');
    db = new Kysely<Database>({ dialect: new SqliteDialect({ database: sqlite }) });
  }
  if (opts.migrate !== false) await migrateToLatest(db);
  return { db, kind, close: () => db.destroy() };
}
