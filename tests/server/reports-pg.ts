/**
 * A throwaway PostgreSQL for the report tests: initdb in a temp dir, run as the `postgres` OS user on a random port,
 * removed afterwards. Returns null (the caller skips loudly) when the binaries are not installed.
 */
import { execFileSync, spawn, type ChildProcess } from 'node:child_process';
import { chmodSync, existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

const BIN_DIRS = ['/usr/lib/postgresql/17/bin', '/usr/lib/postgresql/16/bin', '/usr/lib/postgresql/15/bin'];

export interface ThrowawayPg { url: string; stop(): Promise<void> }

export async function startPg(): Promise<ThrowawayPg | null> {
  if (process.env.DATABASE_URL) return { url: process.env.DATABASE_URL, stop: async () => {} };
  const bin = BIN_DIRS.find((d) => existsSync(join(d, 'initdb')));
  if (!bin) return null;
  const dir = mkdtempSync(join(tmpdir(), 'tungnha-reports-pg-'));
  chmodSync(dir, 0o777);
  const asRoot = process.getuid?.() === 0;
  const run = (cmd: string, args: string[]) => (asRoot
    ? execFileSync('runuser', ['-u', 'postgres', '--', join(bin, cmd), ...args], { stdio: 'pipe' })
    : execFileSync(join(bin, cmd), args, { stdio: 'pipe' }));
  const data = join(dir, 'data');
  run('initdb', ['-D', data, '-U', 'postgres', '--auth=trust', '-E', 'UTF8', '--locale=C.UTF-8']);
  const port = 20000 + Math.floor(Math.random() * 20000);
  const args = ['-D', data, '-p', String(port), '-k', dir, '-c', 'listen_addresses=127.0.0.1', '-c', 'fsync=off'];
  const proc: ChildProcess = asRoot
    ? spawn('runuser', ['-u', 'postgres', '--', join(bin, 'postgres'), ...args], { stdio: 'ignore' })
    : spawn(join(bin, 'postgres'), args, { stdio: 'ignore' });
  const url = `postgres://postgres@127.0.0.1:${port}/postgres`;
  const pg = (await import('pg')).default;
  for (let i = 0; i < 100; i++) {
    try {
      const c = new pg.Client({ connectionString: url });
      await c.connect();
      await c.end();
      return {
        url,
        stop: async () => {
          // runuser does not pass signals on to postgres: ask pg_ctl, then make sure.
          const exited = new Promise((r) => proc.once('exit', r));
          try { run('pg_ctl', ['stop', '-D', data, '-m', 'immediate', '-w']); } catch { proc.kill('SIGKILL'); }
          await Promise.race([exited, new Promise((r) => setTimeout(r, 5000))]);
          rmSync(dir, { recursive: true, force: true });
        },
      };
    } catch {
      await new Promise((r) => setTimeout(r, 100));
    }
  }
  proc.kill('SIGKILL');
  throw new Error('PostgreSQL did not start');
}
