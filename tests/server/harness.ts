/**
 * The real server on a random port (@hono/node-server, port 0) over a fresh SQLite or PostgreSQL database seeded
 * with a small demo commune, and helpers to enrol devices and push/pull over real HTTP.
 * `describeEachDb` runs a suite once per database.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';
import { afterAll, beforeAll, describe } from 'vitest';
import { serve } from '@hono/node-server';
import { createApp, type AppDeps } from '../../server/app';
import { issueEnrolCode } from '../../server/auth/issue-code';
import { openStore, seedCommune, snapshotCounts, type Store } from '../../server/db';
import { asciiJson } from '../../src/shared/ascii-json';
import { generateDemoCommune, type DemoCommune } from '../../src/shared/demo';
import type { EnrolResponse, PullResponse, PushResponse } from '../../src/shared/protocol';
import type { Member } from '../../src/shared/schema';
import { pgMissingAllowed, startThrowawayPg, type ThrowawayPg } from './pg';

export type DbKind = 'sqlite' | 'postgres';
export interface Device { token: string; deviceId: string; member: Member; enrol: EnrolResponse }
export interface Reply<T = unknown> { status: number; body: T; headers: Headers }

export interface Harness {
  kind: DbKind;
  store: Store;
  demo: DemoCommune;
  /** The second commune (nobody there may see Tam Quang, and the reverse). */
  other: DemoCommune;
  baseUrl: string;
  clock: { now: number };
  enrolMember(member: Member): Promise<Device>;
  request(path: string, init?: RequestInit): Promise<Reply<any>>;
  /** ascii: the body as the app sends it (non-ASCII escaped, D-I7); otherwise plain JSON.stringify (UTF-8). */
  push(device: Device, mutations: unknown[], opts?: { gzip?: boolean; query?: string; ascii?: boolean }): Promise<Reply<PushResponse & { error?: any }>>;
  pull(device: Device, cursor?: string, limit?: number): Promise<Reply<PullResponse & { error?: any }>>;
  /** Pulls every page; returns the latest change per entity id. */
  pullAll(device: Device): Promise<Map<string, PullResponse['changes'][number]>>;
  counts(): Promise<Record<string, number>>;
  close(): Promise<void>;
}

let pgServer: Promise<ThrowawayPg> | null = null;

async function openFresh(kind: DbKind): Promise<{ store: Store; cleanup: () => void }> {
  if (kind === 'postgres') {
    pgServer ??= startThrowawayPg();
    const url = await (await pgServer).newDatabase();
    return { store: await openStore({ databaseUrl: url }), cleanup: () => {} };
  }
  const dir = mkdtempSync(join(tmpdir(), 'tungnha-test-'));
  return { store: await openStore({ dataDir: dir }), cleanup: () => rmSync(dir, { recursive: true, force: true }) };
}

export async function startHarness(kind: DbKind, deps: Partial<AppDeps> = {}): Promise<Harness> {
  const { store, cleanup } = await openFresh(kind);
  const demo = generateDemoCommune({ households: 40, visitsPerHousehold: 1 });
  const other = generateDemoCommune({ seed: 99, households: 5, visitsPerHousehold: 1 });
  await seedCommune(store, demo);
  await seedCommune(store, other);
  const clock = { now: Date.now() };
  const app = createApp({ store, now: () => clock.now, enrolRateLimit: { max: 1000, windowMs: 60_000 }, onUnexpectedError: () => {}, ...deps });
  const server = serve({ fetch: app.fetch, port: 0, hostname: '127.0.0.1' });
  Object.assign(server, { keepAliveTimeout: 65_000, headersTimeout: 66_000 }); // as server/main.ts
  await new Promise<void>((resolve) => (server.listening ? resolve() : server.once('listening', () => resolve())));
  const baseUrl = `http://127.0.0.1:${(server.address() as { port: number }).port}`;

  const request = async (path: string, init?: RequestInit): Promise<Reply<any>> => {
    const res = await fetch(baseUrl + path, init);
    const text = await res.text();
    let body: unknown = text;
    try { body = JSON.parse(text); } catch { /* not JSON: keep the text */ }
    return { status: res.status, body, headers: res.headers };
  };
  const auth = (d: Device) => ({ authorization: `Bearer ${d.token}` });
  const h: Harness = {
    kind, store, demo, other, baseUrl, clock, request,
    async enrolMember(member) {
      const { code } = await issueEnrolCode(store, { communeId: member.communeId, memberId: member.id, role: member.role, hamletIds: member.hamletIds, createdBy: null }, clock.now);
      const r = await request('/api/v1/enrol', { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ code, deviceName: `Máy của ${member.name}` }) });
      if (r.status !== 201) throw new Error(`enrol failed: ${r.status} ${JSON.stringify(r.body)}`);
      return { token: r.body.token, deviceId: r.body.deviceId, member: r.body.member, enrol: r.body };
    },
    push(device, mutations, opts = {}) {
      const json = opts.ascii ? asciiJson({ mutations }) : JSON.stringify({ mutations });
      const headers: Record<string, string> = { ...auth(device), 'content-type': 'application/json' };
      if (opts.gzip) headers['content-encoding'] = 'gzip';
      return request(`/api/v1/sync/push${opts.query ? `?${opts.query}` : ''}`, { method: 'POST', headers, body: opts.gzip ? gzipSync(json) : json });
    },
    pull(device, cursor = '', limit) {
      const q = new URLSearchParams({ cursor, ...(limit ? { limit: String(limit) } : {}) });
      return request(`/api/v1/sync/pull?${q}`, { headers: auth(device) });
    },
    async pullAll(device) {
      const latest = new Map<string, PullResponse['changes'][number]>();
      let cursor = '';
      for (let page = 0; page < 1000; page++) {
        const r = await h.pull(device, cursor);
        if (r.status !== 200) throw new Error(`pull failed: ${r.status} ${JSON.stringify(r.body)}`);
        for (const c of r.body.changes) latest.set(c.id, c);
        cursor = r.body.cursor;
        if (!r.body.hasMore) return latest;
      }
      throw new Error('pull did not finish');
    },
    counts: () => snapshotCounts(store),
    async close() {
      await new Promise<void>((resolve) => server.close(() => resolve()));
      await store.close();
      cleanup();
    },
  };
  return h;
}

/** Runs `body` once on SQLite and once on PostgreSQL, each with a fresh seeded database and server. */
export function describeEachDb(title: string, body: (h: () => Harness) => void, deps: Partial<AppDeps> = {}): void {
  const kinds: DbKind[] = pgMissingAllowed() ? ['sqlite'] : ['sqlite', 'postgres'];
  for (const kind of kinds) {
    describe(`${title} [${kind}]`, () => {
      let harness: Harness | undefined;
      beforeAll(async () => { harness = await startHarness(kind, deps); });
      afterAll(async () => { await harness?.close(); });
      body(() => harness!);
    });
  }
  afterAll(async () => {
    if (pgServer) await (await pgServer).stop();
    pgServer = null;
  });
}
