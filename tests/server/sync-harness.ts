/**
 * The real sync server in-process (Hono app on a fresh SQLite database, or a fresh database on the throwaway
 * PostgreSQL of ./pg.ts) and simulated phones: each device is its own fake IndexedDB database driven through
 * the real data layer and sync engine. The network between them can be cut before, during or after the commit.
 */
import 'fake-indexeddb/auto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createApp } from '../../server/app';
import { pgMissingAllowed, startThrowawayPg, type ThrowawayPg } from './pg';
import { insertEnrolCode, openStore, seedCommune, type Store } from '../../server/db';
import { hashSecret } from '../../server/auth/secrets';
import { generateDemoCommune, type DemoCommune } from '../../src/shared/demo';
import type { Role } from '../../src/shared/schema';
import { EnrolResponse } from '../../src/shared/protocol';
import { useDatabase, db } from '../../src/data/db';
import { saveEnrolment } from '../../src/data/device';
import { dexieSyncStore } from '../../src/data/sync-store';
import { runSync, type SyncResult } from '../../src/sync/engine';
import type { FetchFn } from '../../src/sync/transport';

export type Cut = 'before' | 'during' | 'after';

export interface TestServer {
  store: Store;
  demo: DemoCommune;
  app: ReturnType<typeof createApp>;
  /** Cuts to apply to the next requests, one per request (undefined = pass). */
  cuts: (Cut | undefined)[];
  requests: number;
  /** HTTP status of every answered push, in order. */
  pushStatuses: number[];
  fetch: FetchFn;
  enrol(role: Role, hamletIds: string[], communeId?: string): Promise<EnrolResponse>;
  close(): Promise<void>;
}

let codeCounter = 0;

export type DbKind = 'sqlite' | 'postgres';
/** Both databases, unless PostgreSQL is missing and explicitly allowed to be (pg.ts warns loudly then). */
export const DB_KINDS: DbKind[] = pgMissingAllowed() ? ['sqlite'] : ['sqlite', 'postgres'];

let pgServer: Promise<ThrowawayPg> | null = null;
/** Call from afterAll in files that used PostgreSQL. */
export async function stopPg(): Promise<void> {
  if (pgServer) await (await pgServer).stop();
  pgServer = null;
}

export interface ServerOptions { kind?: DbKind; households?: number; visitsPerHousehold?: number; pushBodyMaxBytes?: number }

export async function startServer(opts: ServerOptions = {}): Promise<TestServer> {
  const dir = mkdtempSync(join(tmpdir(), 'tungnha-sync-'));
  let store: Store;
  if (opts.kind === 'postgres') {
    pgServer ??= startThrowawayPg();
    store = await openStore({ databaseUrl: await (await pgServer).newDatabase() });
  } else store = await openStore({ dataDir: dir });
  const demo = generateDemoCommune({ households: opts.households ?? 60, visitsPerHousehold: opts.visitsPerHousehold ?? 1, now: Date.now() });
  await seedCommune(store, demo);
  const app = createApp({ store, pushBodyMaxBytes: opts.pushBodyMaxBytes, enrolRateLimit: { max: 10_000, windowMs: 1000 }, onUnexpectedError: () => {} });
  const server: TestServer = {
    store, demo, app, cuts: [], requests: 0, pushStatuses: [],
    fetch: async (url, init = {}) => {
      server.requests++;
      const cut = server.cuts.shift();
      if (cut === 'before') throw new TypeError('fetch failed (connection cut before the server saw it)');
      if (cut === 'during') {
        // The upload stops half way: the server sees a broken body and must write nothing.
        const bytes = typeof init.body === 'string' ? new TextEncoder().encode(init.body) : new Uint8Array(init.body as ArrayBuffer);
        const half = bytes.slice(0, Math.floor(bytes.length / 2));
        const body = new ReadableStream<Uint8Array>({
          start(ctrl) { ctrl.enqueue(half); ctrl.error(Object.assign(new Error('socket hang up'), { code: 'ECONNRESET' })); },
        });
        await Promise.resolve(app.fetch(new Request(url, { ...init, body, duplex: 'half' } as RequestInit))).catch(() => undefined);
        throw new TypeError('fetch failed (connection cut during the upload)');
      }
      const res = await app.fetch(new Request(url, init));
      if (url.includes('/sync/push')) server.pushStatuses.push(res.status);
      if (cut === 'after') {
        await res.arrayBuffer(); // the server committed and answered; the answer is lost on the way back
        throw new TypeError('fetch failed (connection cut after the commit)');
      }
      return res;
    },
    async enrol(role, hamletIds, communeId = demo.commune.id) {
      // Codes are exactly 8 letters or digits: base 36 keeps that for 36^7 phones (a long property run enrols >10,000).
      const code = `T${(++codeCounter).toString(36).toUpperCase().padStart(7, '0')}`;
      await insertEnrolCode(store, {
        codeHash: hashSecret(code), communeId, memberId: null, role, hamletIds, createdBy: null,
        nowMs: Date.now(), expiresAt: Date.now() + 3_600_000,
      });
      const res = await app.request('/api/v1/enrol', { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ code, deviceName: `Máy ${codeCounter}` }) });
      if (res.status !== 201) throw new Error(`enrol failed: ${res.status} ${await res.text()}`);
      return EnrolResponse.parse(await res.json());
    },
    async close() {
      await store.close();
      rmSync(dir, { recursive: true, force: true });
    },
  };
  return server;
}

let deviceCounter = 0;

/** A simulated phone: its own IndexedDB database, switched to before every action. */
export interface Phone {
  name: string;
  enrolment: EnrolResponse;
  use(): void;
  /** `now`: the phone's clock (default the real one). */
  sync(opts?: { maxAttempts?: number; now?: () => number }): Promise<SyncResult>;
  destroy(): Promise<void>;
}

export async function enrolPhone(server: TestServer, role: Role, hamletIds: string[], communeId?: string): Promise<Phone> {
  const name = `phone-${process.pid}-${++deviceCounter}`;
  const enrolment = await server.enrol(role, hamletIds, communeId);
  const phone: Phone = {
    name, enrolment,
    use: () => { useDatabase(name); },
    async sync(opts = {}) {
      phone.use();
      return runSync({
        store: dexieSyncStore, fetch: server.fetch, now: opts.now ?? Date.now, sleep: async () => {}, random: () => 0.5,
        maxAttempts: opts.maxAttempts ?? 6,
      });
    },
    async destroy() {
      phone.use();
      db.close();
      await db.delete();
    },
  };
  phone.use();
  await db.open();
  await saveEnrolment(enrolment, 'http://tung-nha.test');
  return phone;
}
