/**
 * The one migration set for SQLite and PostgreSQL, run on every start (idempotent through Kysely's migration table).
 * Never edit a shipped migration; add the next one.
 */
import { Migrator, type Kysely, type Migration, type MigrationProvider } from 'kysely';

async function syncedTable(db: Kysely<unknown>, name: string, extra: (t: any) => any = (t) => t): Promise<void> {
  await extra(
    db.schema.createTable(name)
      .addColumn('id', 'text', (c) => c.primaryKey())
      .addColumn('commune_id', 'text', (c) => c.notNull())
      .addColumn('hamlet_id', 'text')
      .addColumn('seq', 'bigint', (c) => c.notNull())
      .addColumn('data', 'text'),
  ).execute();
  // Pull reads "this commune, after this cursor, in seq order".
  await db.schema.createIndex(`${name}_pull`).on(name).columns(['commune_id', 'seq']).execute();
}

const m001: Migration = {
  async up(db) {
    await db.schema.createTable('counters')
      .addColumn('name', 'text', (c) => c.primaryKey())
      .addColumn('value', 'bigint', (c) => c.notNull())
      .execute();
    await db.insertInto('counters' as never).values({ name: 'seq', value: 0 } as never).execute();
    await syncedTable(db, 'communes');
    await syncedTable(db, 'hamlets');
    await syncedTable(db, 'members', (t) => t.addColumn('role', 'text', (c: any) => c.notNull()).addColumn('hamlet_ids', 'text', (c: any) => c.notNull()));
    await syncedTable(db, 'households', (t) => t.addColumn('prev_hamlet_id', 'text'));
    await syncedTable(db, 'persons', (t) => t.addColumn('household_id', 'text', (c: any) => c.notNull()));
    await syncedTable(db, 'visits', (t) => t.addColumn('household_id', 'text', (c: any) => c.notNull()));
    await syncedTable(db, 'events');
    await syncedTable(db, 'reports');
    await db.schema.createIndex('persons_household').on('persons').column('household_id').execute();
    await db.schema.createIndex('visits_household').on('visits').column('household_id').execute();

    await db.schema.createTable('devices')
      .addColumn('id', 'text', (c) => c.primaryKey())
      .addColumn('commune_id', 'text', (c) => c.notNull())
      .addColumn('member_id', 'text', (c) => c.notNull())
      .addColumn('token_hash', 'text', (c) => c.notNull().unique())
      .addColumn('name', 'text', (c) => c.notNull())
      .addColumn('created_at', 'bigint', (c) => c.notNull())
      .addColumn('last_seen_at', 'bigint')
      .addColumn('app_version', 'text')
      .addColumn('revoked_at', 'bigint')
      .execute();
    await db.schema.createIndex('devices_commune').on('devices').column('commune_id').execute();

    await db.schema.createTable('enrol_codes')
      .addColumn('code_hash', 'text', (c) => c.primaryKey())
      .addColumn('commune_id', 'text', (c) => c.notNull())
      .addColumn('member_id', 'text')
      .addColumn('role', 'text', (c) => c.notNull())
      .addColumn('hamlet_ids', 'text', (c) => c.notNull())
      .addColumn('created_by', 'text')
      .addColumn('created_at', 'bigint', (c) => c.notNull())
      .addColumn('expires_at', 'bigint', (c) => c.notNull())
      .addColumn('used_at', 'bigint')
      .addColumn('device_id', 'text')
      .execute();

    // The unique key that makes push idempotent: a mutation id is stored once, with the hash of its content.
    await db.schema.createTable('mutations')
      .addColumn('id', 'text', (c) => c.primaryKey())
      .addColumn('commune_id', 'text', (c) => c.notNull())
      .addColumn('device_id', 'text', (c) => c.notNull())
      .addColumn('member_id', 'text', (c) => c.notNull())
      .addColumn('type', 'text', (c) => c.notNull())
      .addColumn('entity_id', 'text', (c) => c.notNull())
      .addColumn('content_hash', 'text', (c) => c.notNull())
      .addColumn('received_at', 'bigint', (c) => c.notNull())
      .addColumn('status', 'text', (c) => c.notNull())
      .execute();
  },
  async down() {
    throw new Error('Migrations only go forward');
  },
};

/**
 * The device that created an immutable row (visit, event, report). Pull skips a caller's own rows: it created them
 * and already holds them, so echoing them back only costs bytes on a slow link. Null = pull to everyone (rows
 * written before this migration, or re-sequenced later, e.g. when their household moves hamlet).
 */
const m002: Migration = {
  async up(db) {
    for (const table of ['visits', 'events', 'reports']) {
      await db.schema.alterTable(table).addColumn('origin_device', 'text').execute();
    }
  },
  async down() {
    throw new Error('Migrations only go forward');
  },
};

const MIGRATIONS: Record<string, Migration> = { '001_initial': m001, '002_origin_device': m002 };

const provider: MigrationProvider = { getMigrations: async () => MIGRATIONS };

export async function migrateToLatest(db: Kysely<any>): Promise<void> {
  const { error, results } = await new Migrator({ db, provider }).migrateToLatest();
  const failed = results?.find((r) => r.status === 'Error');
  if (error || failed) throw new Error(`Migration failed${failed ? ` at ${failed.migrationName}` : ''}: ${String(error)}`);
}

