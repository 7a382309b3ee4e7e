/**
 * Admin CLI for the commune officer: `npm run admin -- <command>`. Uses the same DATA_DIR / DATABASE_URL as the
 * server (safe while it runs: SQLite WAL with a busy timeout, or PostgreSQL).
 *   issue-code --role <role> [--hamlet <id or name>] [--commune <id or name>] [--ttl-days N] [--json]
 *   list-hamlets | list-devices | revoke-device <deviceId>
 */
import { join } from 'node:path';
import QRCode from 'qrcode';
import { formatEnrolCode } from '../../src/shared/admin-protocol';
import { ROLES, type Role } from '../../src/shared/schema';
import { fold } from '../../src/shared/text';
import { issueEnrolCode } from '../auth/issue-code';
import { isCommuneRole } from '../sync/caller';
import { listCommunes, listDevices, listHamlets, openStore, revokeDevice, type Store } from '../db';

const USAGE = `Cách dùng / usage: npm run admin -- <lệnh>
  issue-code --role <${ROLES.join('|')}> [--hamlet <mã hoặc tên bản>] [--commune <mã hoặc tên xã>] [--ttl-days N] [--json]
  list-hamlets
  list-devices
  revoke-device <deviceId>`;

class UsageError extends Error {}

function flag(args: string[], name: string): string | undefined {
  const i = args.indexOf(`--${name}`);
  if (i === -1) return undefined;
  const value = args[i + 1];
  if (value === undefined || value.startsWith('--')) throw new UsageError(`Thiếu giá trị cho --${name}`);
  return value;
}

async function pickCommune(store: Store, wanted: string | undefined) {
  const communes = await listCommunes(store);
  const found = wanted ? communes.filter((c) => c.id === wanted || fold(c.name) === fold(wanted)) : communes;
  if (found.length !== 1) throw new UsageError(found.length === 0 ? 'Không tìm thấy xã' : 'Có nhiều xã; chọn bằng --commune');
  return found[0]!;
}

async function issueCode(store: Store, args: string[]): Promise<void> {
  const role = flag(args, 'role') as Role | undefined;
  if (!role || !ROLES.includes(role)) throw new UsageError(`--role phải là một trong: ${ROLES.join(', ')}`);
  const commune = await pickCommune(store, flag(args, 'commune'));
  const hamletArg = flag(args, 'hamlet');
  const hamlets = await listHamlets(store, commune.id);
  const hamlet = hamletArg ? hamlets.find((h) => h.id === hamletArg || fold(h.name) === fold(hamletArg) || fold(h.name) === fold(`Bản ${hamletArg}`)) : undefined;
  if (hamletArg && !hamlet) throw new UsageError(`Không tìm thấy bản "${hamletArg}" (xem: npm run admin -- list-hamlets)`);
  if (!isCommuneRole({ role }) && !hamlet) throw new UsageError(`Vai trò ${role} cần --hamlet`);
  const ttlDays = Number(flag(args, 'ttl-days') ?? 7);
  if (!(ttlDays > 0 && ttlDays <= 90)) throw new UsageError('--ttl-days từ 1 đến 90');
  const issued = await issueEnrolCode(store, { communeId: commune.id, memberId: null, role, hamletIds: hamlet ? [hamlet.id] : [], createdBy: null }, Date.now(), ttlDays * 86_400_000);
  if (args.includes('--json')) {
    console.log(JSON.stringify(issued));
    return;
  }
  console.log(`Mã đăng ký / enrolment code: ${formatEnrolCode(issued.code)}`);
  console.log(`Vai trò / role: ${role}${hamlet ? ` — ${hamlet.name}` : ''} — xã ${commune.name}${commune.demo ? ' (DEMO)' : ''}`);
  console.log(`Hết hạn / expires: ${issued.expiresAt} — dùng được một lần / one-time`);
  console.log(await QRCode.toString(issued.code, { type: 'terminal', small: true, errorCorrectionLevel: 'M' }));
}

async function run(store: Store, [command, ...args]: string[]): Promise<void> {
  switch (command) {
    case 'issue-code': return issueCode(store, args);
    case 'list-hamlets': {
      for (const c of await listCommunes(store)) {
        console.log(`Xã ${c.name}${c.demo ? ' (DEMO)' : ''} — ${c.province} — ${c.id}`);
        for (const h of await listHamlets(store, c.id)) console.log(`  ${h.id}  ${h.name}`);
      }
      return;
    }
    case 'list-devices': {
      const devices = await listDevices(store);
      if (devices.length === 0) console.log('Chưa có thiết bị nào / no devices');
      for (const d of devices) {
        console.log(`${d.id}  ${d.name}  — ${d.memberName} (${d.role})  lần cuối: ${d.lastSeenAt ?? '—'}  ${d.revokedAt ? `ĐÃ THU HỒI ${d.revokedAt}` : ''}`);
      }
      return;
    }
    case 'revoke-device': {
      const id = args[0];
      if (!id) throw new UsageError('Thiếu deviceId');
      const ok = await revokeDevice(store, id, Date.now());
      if (!ok) throw new UsageError(`Không có thiết bị đang hoạt động với mã ${id}`);
      console.log(`Đã thu hồi thiết bị ${id} / device revoked`);
      return;
    }
    default:
      throw new UsageError(command ? `Lệnh không rõ: ${command}` : 'Thiếu lệnh');
  }
}

const store = await openStore({ dataDir: process.env.DATA_DIR ?? join(process.cwd(), 'data'), databaseUrl: process.env.DATABASE_URL || undefined });
try {
  await run(store, process.argv.slice(2));
} catch (err) {
  console.error(err instanceof UsageError ? `${err.message}\n\n${USAGE}` : err);
  process.exitCode = err instanceof UsageError ? 2 : 1;
} finally {
  await store.close();
}
