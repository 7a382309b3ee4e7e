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
  /** The SQLite connection itself (Kysely's single connection), for push's cached prepared statements (bulk.ts). */
  sqlite?: SqliteDatabase.Database;
  /** PostgreSQL: one connection kept for group commits (they run one at a time), so a commit never queues behind
   *  the sign-in look-ups of fifty phones on the main pool; used by the visits-only fast path (pg-visit-group.ts). */
  pushPool?: pg.Pool;
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
  let sqlite: SqliteDatabase.Database | undefined;
  let pushPool: pg.Pool | undefined;
  if (opts.databaseUrl) {
    kind = 'postgres';
    // bigint columns (seq, times) stay below 2^53, so they are read as numbers rather than strings.
    const types = { getTypeParser: (oid: number, format?: string) => (oid === INT8_OID ? (v: string) => Number(v) : pg.types.getTypeParser(oid, format as 'text')) };
    const pool = new pg.Pool({ connectionString: opts.databaseUrl, max: 10, types: types as never });
    pushPool = new pg.Pool({ connectionString: opts.databaseUrl, max: 1, types: types as never });
    for (const p of [pool, pushPool]) p.on('error', () => { /* an idle client lost its connection; the pool replaces it */ });
    db = new Kysely<Database>({ dialect: new PostgresDialect({ pool }) });
  } else {
    kind = 'sqlite';
    const dir = opts.dataDir ?? 'data';
    mkdirSync(dir, { recursive: true });
    sqlite = new SqliteDatabase(join(dir, 'tung-nha.sqlite'));
    sqlite.pragma('journal_mode = WAL');
    sqlite.pragma('synchronous = FULL');
    sqlite.pragma('busy_timeout = 5000');
    sqlite.pragma('foreign_keys = ON');
    // 64 MB page cache instead of SQLite's 2 MB: a group commit looks up and indexes thousands of rows spread over
    // the visits and households tables; with 2 MB most of those pages were re-read from the OS on every commit.
    sqlite.pragma('cache_size = -65536');
    // Checkpoint (copy the WAL into the database file, fsync it) every ~40 MB of WAL instead of every 4 MB: a group
    // commit of 5,000 visits writes about that much, so the default checkpointed on nearly every commit, blocking the
    // event loop. Durability is the WAL's fsync at each commit (synchronous=FULL), unchanged.
    sqlite.pragma('wal_autocheckpoint = 10000');
    db = new Kysely<Database>({ dialect: new SqliteDialect({ database: sqlite }) });
  }
  if (opts.migrate !== false) await migrateToLatest(db);
  const closePush = pushPool ? () => pushPool.end() : () => Promise.resolve();
  return { db, kind, sqlite, pushPool, close: async () => { await db.destroy(); await closePush(); } };
}
