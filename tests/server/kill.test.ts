/**
 * The server process killed with SIGKILL while batches are in flight, then restarted on the same database: every
 * batch is either wholly there or wholly absent (never half-written), and retrying completes them exactly once.
 * Runs server/main.ts as a child process the way `npm start` does (tsx), but as ONE process (`node --import tsx`) so
 * that SIGKILL hits the server itself and not a wrapper.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { openStore } from '../../server/db';
import type { Household, Member } from '../../src/shared/schema';
import { visitMutation } from './builders';
import { pgMissingAllowed, startThrowawayPg, waitForOtherSessionsGone, type ThrowawayPg } from './pg';

interface Running { child: ChildProcess; baseUrl: string; output: string[] }

function startServer(env: Record<string, string>): Promise<Running> {
  const child = spawn(process.execPath, ['--import', 'tsx', 'server/main.ts'], {
    cwd: join(import.meta.dirname, '../..'), env: { ...process.env, PORT: '0', HOST: '127.0.0.1', SKIP_BUILD: '1', ...env }, stdio: ['ignore', 'pipe', 'pipe'],
  });
  const output: string[] = [];
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`server did not start:\n${output.join('')}`)), 60_000);
    const onData = (chunk: Buffer) => {
      output.push(chunk.toString());
      const text = output.join('');
      const url = /Listening on (http:\/\/localhost:\d+)/.exec(text)?.[1];
      if (url && (env.NO_DEMO === '1' || /\(member\): [0-9A-Z]{4}-[0-9A-Z]{4}/.test(text))) {
        clearTimeout(timer);
        resolve({ child, baseUrl: url.replace('localhost', '127.0.0.1'), output });
      }
    };
    child.stdout!.on('data', onData);
    child.stderr!.on('data', onData);
    child.once('exit', (code) => reject(new Error(`server exited (${code}):\n${output.join('')}`)));
  });
}

const killHard = (r: Running) => new Promise<void>((resolve) => {
  if (r.child.exitCode !== null || r.child.signalCode !== null) return resolve();
  r.child.once('exit', () => resolve());
  r.child.kill('SIGKILL');
});

async function json(url: string, init?: RequestInit) {
  const res = await fetch(url, init);
  return { status: res.status, body: (await res.json()) as any };
}

const kinds = pgMissingAllowed() ? ['sqlite'] : ['sqlite', 'postgres'];
let pg: ThrowawayPg | null = null;
afterAll(async () => { await pg?.stop(); });

for (const kind of kinds) {
  describe(`server killed with SIGKILL mid-batch [${kind}]`, () => {
    it('leaves each batch whole or absent; retries after restart store every visit exactly once', async () => {
      const dir = mkdtempSync(join(tmpdir(), 'tungnha-kill-'));
      let env: Record<string, string> = { DATA_DIR: dir, DATABASE_URL: '' };
      if (kind === 'postgres') {
        pg ??= await startThrowawayPg();
        env = { DATABASE_URL: await pg.newDatabase() };
      }
      let server = await startServer(env);
      try {
        const code = /\(commune leader\): ([0-9A-Z]{4}-[0-9A-Z]{4})/.exec(server.output.join(''))![1]!;
        const enrol = await json(`${server.baseUrl}/api/v1/enrol`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ code, deviceName: 'Máy trạm' }) });
        expect(enrol.status).toBe(201);
        const member = enrol.body.member as Member;
        const auth = { authorization: `Bearer ${enrol.body.token}`, 'content-type': 'application/json' };
        const page = await json(`${server.baseUrl}/api/v1/sync/pull?limit=2000`, { headers: auth });
        const homes = page.body.changes.filter((c: { entity: string; data: unknown }) => c.entity === 'household' && c.data).map((c: { data: Household }) => c.data) as Household[];
        const batches = Array.from({ length: 6 }, (_, b) => Array.from({ length: 500 }, (_, i) => visitMutation(member, homes[(b * 500 + i) % homes.length]!, { notes: `Lô ${b}` })));
        // Fire every batch, kill the server while they are in flight.
        const inFlight = batches.map((mutations) => fetch(`${server.baseUrl}/api/v1/sync/push`, { method: 'POST', headers: auth, body: JSON.stringify({ mutations }) }).then((r) => r.status, () => 'cut'));
        await new Promise((r) => setTimeout(r, 150 + Math.floor(Math.random() * 300)));
        await killHard(server);
        const outcomes = await Promise.all(inFlight);
        expect(outcomes.length).toBe(6);
        console.log(`[${kind}] pushes when killed: ${outcomes.join(', ')}`);
        // PostgreSQL still holds the dead server's sessions for a moment; a COMMIT already sent lands after the kill.
        if (kind === 'postgres') await waitForOtherSessionsGone(env.DATABASE_URL!);

        const store = await openStore(kind === 'postgres' ? { databaseUrl: env.DATABASE_URL } : { dataDir: dir });
        let present: number[];
        try {
          present = [];
          for (const mutations of batches) {
            const ids = mutations.map((m) => m.payload.id);
            const rows = await store.db.selectFrom('visits').select('id').where('id', 'in', ids).execute();
            present.push(rows.length);
          }
        } finally {
          await store.close();
        }
        for (const n of present) expect([0, 500]).toContain(n); // never half a batch
        outcomes.forEach((o, i) => { if (o === 200) expect(present[i]).toBe(500); });

        server = await startServer({ ...env, NO_DEMO: '1' });
        for (const [i, mutations] of batches.entries()) {
          const r = await json(`${server.baseUrl}/api/v1/sync/push`, { method: 'POST', headers: auth, body: JSON.stringify({ mutations }) });
          expect(r.status).toBe(200);
          const statuses = new Set(r.body.results.map((x: { status: string }) => x.status));
          expect(statuses).toEqual(new Set([present[i] === 500 ? 'duplicate' : 'accepted']));
        }
        const all = new Map<string, number>();
        let cursor = '';
        for (;;) {
          const p = await json(`${server.baseUrl}/api/v1/sync/pull?cursor=${cursor}&limit=2000`, { headers: auth });
          for (const c of p.body.changes) if (c.entity === 'visit') all.set(c.id, (all.get(c.id) ?? 0) + 1);
          cursor = p.body.cursor;
          if (!p.body.hasMore) break;
        }
        // The pushing device is not sent its own visits back (D-P1); the store holds each exactly once.
        expect(batches.flat().filter((m) => all.has(m.payload.id))).toEqual([]);
        const check = await openStore(kind === 'postgres' ? { databaseUrl: env.DATABASE_URL } : { dataDir: dir });
        try {
          const ids = batches.flat().map((m) => m.payload.id);
          const rows = await check.db.selectFrom('visits').select('id').where('id', 'in', ids).where('data', 'is not', null).execute();
          expect(rows.length).toBe(ids.length);
        } finally {
          await check.close();
        }
      } finally {
        await killHard(server).catch(() => {});
        rmSync(dir, { recursive: true, force: true });
      }
    }, 180_000);
  });
}
