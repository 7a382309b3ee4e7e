/**
 * The real Từng Nhà server (createApp + openStore) for the benchmarks, in its own process: a fresh SQLite database
 * in a temp folder (WAL, synchronous=FULL, as shipped) or the PostgreSQL at DATABASE_URL; seeded with a synthetic
 * commune; one-time enrolment codes issued for the bench's devices. Prints "CODES <json>" then "LISTENING <port>".
 * Args (env): BENCH_SEED, BENCH_HOUSEHOLDS, BENCH_VISITS_PER_HOUSEHOLD, BENCH_MEMBER_DEVICES (members, one hamlet each,
 * round-robin from the largest), BENCH_LARGEST_HAMLET_DEVICES (members of the largest hamlet); plus one commune leader.
 * BENCH_SERVER_PROFILE=<file.cpuprofile>: a CPU profile of the serving only (started after the seed, written at exit).
 */
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Session } from 'node:inspector/promises';
import { serve } from '@hono/node-server';
import { createApp } from '../../server/app';
import { openStore, seedCommune } from '../../server/db';
import { issueEnrolCode } from '../../server/auth/issue-code';
import { generateDemoCommune, DEMO_NOW_MS } from '../../src/shared/demo';
import type { Role } from '../../src/shared/schema';

const num = (name: string, fallback: number) => Number(process.env[name] ?? fallback);

async function main(): Promise<void> {
  const dataDir = process.env.DATABASE_URL ? null : mkdtempSync(join(tmpdir(), 'tungnha-bench-db-'));
  const store = await openStore({ dataDir: dataDir ?? undefined, databaseUrl: process.env.DATABASE_URL || undefined });
  const demo = generateDemoCommune({
    seed: num('BENCH_SEED', 11), households: num('BENCH_HOUSEHOLDS', 5000),
    visitsPerHousehold: num('BENCH_VISITS_PER_HOUSEHOLD', 10), now: DEMO_NOW_MS,
  });
  await seedCommune(store, demo);
  const codes: { code: string; role: Role; hamletIds: string[] }[] = [];
  const issue = async (role: Role, hamletIds: string[]) => {
    const { code } = await issueEnrolCode(store, { communeId: demo.commune.id, memberId: null, role, hamletIds, createdBy: null }, Date.now());
    codes.push({ code, role, hamletIds });
  };
  // Hamlets by size, largest first: device 0 gets the largest hamlet (the worst case for a new device's pull).
  const size = new Map<string, number>();
  for (const h of demo.households) size.set(h.hamletId, (size.get(h.hamletId) ?? 0) + 1);
  const hamlets = [...demo.hamlets].sort((a, b) => (size.get(b.id) ?? 0) - (size.get(a.id) ?? 0));
  for (let i = 0; i < num('BENCH_MEMBER_DEVICES', 0); i++) await issue('member', [hamlets[i % hamlets.length]!.id]);
  for (let i = 0; i < num('BENCH_LARGEST_HAMLET_DEVICES', 0); i++) await issue('member', [hamlets[0]!.id]);
  await issue('commune_leader', []);
  // The bench regenerates the same commune from the same seed, so only the codes need to cross.
  process.stdout.write(`CODES ${JSON.stringify({ communeId: demo.commune.id, codes })}\n`);

  const profile = process.env.BENCH_SERVER_PROFILE;
  const inspector = profile ? new Session() : null;
  if (inspector) {
    inspector.connect();
    await inspector.post('Profiler.enable');
    await inspector.post('Profiler.start');
  }
  const app = createApp({ store, version: 'bench', enrolRateLimit: { max: 100_000, windowMs: 1000 }, onUnexpectedError: (e) => console.error(e) });
  const server = serve({ fetch: app.fetch, port: 0, hostname: '127.0.0.1' }, (info) => process.stdout.write(`LISTENING ${info.port}\n`));
  const stop = async () => {
    if (inspector && profile) writeFileSync(profile, JSON.stringify((await inspector.post('Profiler.stop')).profile));
    server.close();
    void store.close().finally(() => {
      if (dataDir) rmSync(dataDir, { recursive: true, force: true });
      process.exit(0);
    });
    setTimeout(() => process.exit(1), 5000).unref();
  };
  process.on('SIGTERM', () => void stop());
  process.stdin.on('end', () => void stop());
  process.stdin.resume();
}

main().catch((e) => { console.error(e); process.exit(1); });
