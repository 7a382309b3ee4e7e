/**
 * `npm start`: build the app if needed, migrate, seed the demo commune on first start, print enrolment codes for the
 * demo, then serve app + API on PORT (default 8080). Env: PORT, HOST, DATA_DIR (SQLite folder, default ./data),
 * DATABASE_URL (PostgreSQL instead), TRUST_PROXY=1 (behind a reverse proxy), SKIP_BUILD=1, NO_DEMO=1.
 */
import { readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { serve } from '@hono/node-server';
import { formatEnrolCode } from '../src/shared/admin-protocol';
import { generateDemoCommune } from '../src/shared/demo';
import { createApp } from './app';
import { issueEnrolCode } from './auth/issue-code';
import { buildAppIfNeeded } from './build-app';
import { listCommunes, listMembers, openStore, seedCommune, type Store } from './db';

const root = resolve(import.meta.dirname ?? '.', '..');
const log = (line: string) => console.log(`[tung-nha] ${line}`);

async function printDemoCodes(store: Store, url: string): Promise<void> {
  const demo = (await listCommunes(store)).find((c) => c.demo);
  if (!demo) return;
  const members = await listMembers(store, demo.id);
  const picks = [
    ['Tổ trưởng xã (commune leader)', members.find((m) => m.role === 'commune_leader')],
    ['Tổ trưởng bản (hamlet leader)', members.find((m) => m.role === 'hamlet_leader')],
    ['Thành viên (member)', members.find((m) => m.role === 'member')],
  ] as const;
  log(`XÃ MẪU (DEMO) "${demo.name}" — dữ liệu giả lập, không phải người thật / demo data, not real people`);
  for (const [label, member] of picks) {
    if (!member) continue;
    const { code, expiresAt } = await issueEnrolCode(store, { communeId: demo.id, memberId: member.id, role: member.role, hamletIds: member.hamletIds, createdBy: null }, Date.now());
    log(`  Mã đăng ký ${label}: ${formatEnrolCode(code)}  (${member.name}; hết hạn ${expiresAt})`);
  }
  log(`  Mở ${url} và nhập mã ở màn hình Đăng ký thiết bị. / Open the URL and enter a code.`);
}

async function main(): Promise<void> {
  const port = Number(process.env.PORT ?? 8080);
  const host = process.env.HOST ?? '0.0.0.0';
  const outDir = join(root, 'dist');
  if (process.env.SKIP_BUILD !== '1') await buildAppIfNeeded(root, outDir, log);
  const store = await openStore({ dataDir: process.env.DATA_DIR ?? join(process.cwd(), 'data'), databaseUrl: process.env.DATABASE_URL || undefined });
  log(`Cơ sở dữ liệu: ${store.kind === 'postgres' ? 'PostgreSQL' : `SQLite (${process.env.DATA_DIR ?? './data'})`}`);
  if (process.env.NO_DEMO !== '1' && (await listCommunes(store)).length === 0 && (await seedCommune(store, generateDemoCommune()))) {
    log('Đã tạo xã mẫu Tam Quang (demo). / Seeded the demo commune.');
  }
  const version = (JSON.parse(readFileSync(join(root, 'package.json'), 'utf8')) as { version: string }).version;
  const app = createApp({ store, version, staticDir: outDir, trustProxy: process.env.TRUST_PROXY === '1' });
  const server = serve({ fetch: app.fetch, port, hostname: host }, (info) => {
    const url = `http://localhost:${info.port}`;
    log(`Đang chạy tại ${url} / Listening on ${url}`);
    if (process.env.NO_DEMO !== '1') void printDemoCodes(store, url).catch((err) => console.error(err));
  });
  // Idle keep-alive sockets stay open longer than clients' own idle timeouts (undici: 4 s), so a client never reuses a
  // socket the server is just closing (that race shows up as ECONNRESET on a busy machine).
  const http = server as unknown as { keepAliveTimeout: number; headersTimeout: number };
  http.keepAliveTimeout = 65_000;
  http.headersTimeout = 66_000;
  let stopping = false;
  const stop = (signal: string) => {
    if (stopping) return;
    stopping = true;
    log(`${signal}: đang dừng… / stopping…`);
    // Finish in-flight requests (a push commits or rolls back as a whole), then close the database.
    server.close(() => void store.close().then(() => process.exit(0)));
    setTimeout(() => process.exit(1), 10_000).unref();
  };
  process.on('SIGTERM', () => stop('SIGTERM'));
  process.on('SIGINT', () => stop('SIGINT'));
}

main().catch((err) => {
  console.error('[tung-nha] Không khởi động được / failed to start:', err);
  process.exit(1);
});
