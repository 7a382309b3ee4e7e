/**
 * A throwaway PostgreSQL 15+ for the server tests: initdb into a temp dir owned by `postgres`, started with pg_ctl on
 * a free port (as the postgres OS user when we are root), one fresh database per suite, removed afterwards.
 * Missing binaries fail the run LOUDLY unless TUNGNHA_ALLOW_NO_PG=1 (a developer machine without PostgreSQL).
 * TEST_DATABASE_URL (or DATABASE_URL) points at an existing server instead; a fresh database is created on it per suite.
 */
import { execFileSync } from 'node:child_process';
import { chmodSync, existsSync, mkdtempSync, rmSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import pg from 'pg';

const BIN_DIRS = ['/usr/lib/postgresql/17/bin', '/usr/lib/postgresql/16/bin', '/usr/lib/postgresql/15/bin'];

export interface ThrowawayPg {
  url: string;
  /** A new empty database on this server; returns its URL. */
  newDatabase(): Promise<string>;
  stop(): Promise<void>;
}

async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const srv = createServer();
    srv.once('error', reject);
    srv.listen(0, '127.0.0.1', () => {
      const port = (srv.address() as { port: number }).port;
      srv.close(() => resolve(port));
    });
  });
}

export function pgBinDir(): string | null {
  return BIN_DIRS.find((d) => existsSync(join(d, 'initdb'))) ?? null;
}

/** True when the PostgreSQL variants may be left out (binaries missing and TUNGNHA_ALLOW_NO_PG=1). */
export function pgMissingAllowed(): boolean {
  if (process.env.TEST_DATABASE_URL || process.env.DATABASE_URL || pgBinDir()) return false;
  const banner = '!'.repeat(78);
  if (process.env.TUNGNHA_ALLOW_NO_PG === '1') {
    console.warn(`\n${banner}\n!!! PostgreSQL binaries not found: the PostgreSQL variants of the server tests are NOT RUN\n!!! (TUNGNHA_ALLOW_NO_PG=1). Install postgresql-15 to run them.\n${banner}\n`);
    return true;
  }
  return false;
}

let counter = 0;

export async function startThrowawayPg(): Promise<ThrowawayPg> {
  // An existing server (CI service) may be given; each suite still gets its own fresh database on it.
  const adminUrl = process.env.TEST_DATABASE_URL || process.env.DATABASE_URL;
  if (adminUrl) return withDatabases(adminUrl, async () => {});
  const bin = pgBinDir();
  if (!bin) throw new Error('PostgreSQL binaries (initdb, pg_ctl) not found in /usr/lib/postgresql/*/bin — install postgresql-15, or set TUNGNHA_ALLOW_NO_PG=1 to skip the PostgreSQL variants LOUDLY');
  const dir = mkdtempSync(join(tmpdir(), 'tungnha-pg-'));
  chmodSync(dir, 0o777);
  const asRoot = process.getuid?.() === 0;
  const run = (cmd: string, args: string[]) => (asRoot
    ? execFileSync('runuser', ['-u', 'postgres', '--', join(bin, cmd), ...args], { stdio: 'pipe' })
    : execFileSync(join(bin, cmd), args, { stdio: 'pipe' }));
  const data = join(dir, 'data');
  run('initdb', ['-D', data, '-U', 'postgres', '--auth=trust', '-E', 'UTF8', '--locale=C.UTF-8']);
  const port = await freePort();
  // fsync stays on: the kill -9 tests rely on committed data surviving (only the postgres process is killed, though).
  run('pg_ctl', ['start', '-D', data, '-w', '-t', '60', '-l', join(dir, 'log'), '-o', `-p ${port} -k ${dir} -c listen_addresses=127.0.0.1`]);
  const url = `postgres://postgres@127.0.0.1:${port}/postgres`;
  return withDatabases(url, async () => {
    try { run('pg_ctl', ['stop', '-D', data, '-m', 'immediate', '-w']); } catch { /* already gone */ }
    rmSync(dir, { recursive: true, force: true });
  });
}

function withDatabases(url: string, shutdown: () => Promise<void>): ThrowawayPg {
  return {
    url,
    async newDatabase() {
      const name = `tungnha_${process.pid}_${Date.now()}_${++counter}`;
      const client = new pg.Client({ connectionString: url });
      await client.connect();
      try { await client.query(`CREATE DATABASE ${name}`); } finally { await client.end(); }
      const u = new URL(url);
      u.pathname = `/${name}`;
      return u.toString();
    },
    stop: shutdown,
  };
}

/**
 * Waits until no client session but this one is connected to the database at `url` (autovacuum workers do not count).
 * A killed client's backends live on until they read its closed socket, and one that already holds the client's
 * COMMIT still commits it: only after they are gone is what the database holds final.
 */
export async function waitForOtherSessionsGone(url: string, timeoutMs = 20_000): Promise<void> {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    for (const end = Date.now() + timeoutMs; ;) {
      const { rows } = await client.query<{ n: number }>(
        "select count(*)::int as n from pg_stat_activity where datname = current_database() and backend_type = 'client backend' and pid <> pg_backend_pid()");
      if (rows[0]!.n === 0) return;
      if (Date.now() > end) throw new Error(`${rows[0]!.n} other session(s) still on the database after ${timeoutMs} ms`);
      await new Promise((r) => setTimeout(r, 50));
    }
  } finally {
    await client.end();
  }
}
