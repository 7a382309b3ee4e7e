/**
 * A throwaway PostgreSQL for the ingest figure: initdb in a temp folder, run as the `postgres` OS user on a random
 * loopback port, removed afterwards. Durable settings as in production (fsync on, synchronous_commit on) so that
 * it is compared fairly with SQLite's synchronous=FULL. Returns null when the binaries are missing.
 */
import { execFileSync, spawn } from 'node:child_process';
import { chmodSync, existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import pg from 'pg';

const BIN_DIRS = ['/usr/lib/postgresql/17/bin', '/usr/lib/postgresql/16/bin', '/usr/lib/postgresql/15/bin'];

export interface ThrowawayPg { url: string; version: string; stop(): Promise<void> }

export async function startThrowawayPg(): Promise<ThrowawayPg | null> {
  const bin = BIN_DIRS.find((d) => existsSync(join(d, 'initdb')));
  if (!bin) return null;
  const dir = mkdtempSync(join(tmpdir(), 'tungnha-bench-pg-'));
  chmodSync(dir, 0o777);
  const asRoot = process.getuid?.() === 0;
  const cmd = (name: string, args: string[]) => (asRoot ? ['runuser', ['-u', 'postgres', '--', join(bin, name), ...args]] : [join(bin, name), args]) as [string, string[]];
  const data = join(dir, 'data');
  // BENCH_PG_LOCALE: the cluster's locale for experiments, e.g. "--locale=C" (byte-order text comparison; see
  // docs/benchmarks.md item 6 for what it changed). The figure uses C.UTF-8, a common server default.
  execFileSync(...cmd('initdb', ['-D', data, '-U', 'postgres', '--auth=trust', '-E', 'UTF8', process.env.BENCH_PG_LOCALE ?? '--locale=C.UTF-8']), { stdio: 'pipe' });
  const port = 20000 + Math.floor(Math.random() * 20000);
  // BENCH_PG_OPTS: extra server settings for experiments, e.g. "-c wal_buffers=16MB" (no gain measured, D-I6).
  const proc = spawn(...cmd('postgres', ['-D', data, '-p', String(port), '-k', dir, '-c', 'listen_addresses=127.0.0.1', '-c', 'max_connections=100', ...(process.env.BENCH_PG_OPTS ?? '').split(' ').filter(Boolean)]), { stdio: 'ignore' });
  const url = `postgres://postgres@127.0.0.1:${port}/postgres`;
  const stop = async () => {
    // runuser does not pass signals on to postgres: ask pg_ctl, then make sure.
    const exited = new Promise((r) => proc.once('exit', r));
    try { execFileSync(...cmd('pg_ctl', ['stop', '-D', data, '-m', 'fast', '-w']), { stdio: 'pipe' }); } catch { proc.kill('SIGKILL'); }
    await Promise.race([exited, new Promise((r) => setTimeout(r, 5000))]);
    rmSync(dir, { recursive: true, force: true });
  };
  for (let i = 0; i < 150; i++) {
    try {
      const c = new pg.Client({ connectionString: url });
      await c.connect();
      const v = (await c.query('show server_version')).rows[0] as { server_version: string };
      await c.end();
      return { url, version: v.server_version, stop };
    } catch {
      await new Promise((r) => setTimeout(r, 100));
    }
  }
  await stop();
  throw new Error('PostgreSQL did not start');
}
