/**
 * Devices and enrolment codes. Tokens and codes are stored only as sha-256 hashes (a copied database does not let
 * anyone sync as a volunteer). A code is spent with a conditional UPDATE inside the enrolment transaction, so two
 * phones racing with the same code cannot both enrol.
 */
import type { Commune, Hamlet, Member, Role } from '../../src/shared/schema';
import type { Store } from './connect';
import { nextSeq } from './seq';
import { upsertMembers } from './push-store';

export interface DeviceAuth {
  deviceId: string; communeId: string; revoked: boolean; lastSeenAt: number | null; member: Member;
}

export async function findDeviceByTokenHash(store: Store, tokenHash: string): Promise<DeviceAuth | null> {
  const row = await store.db.selectFrom('devices').innerJoin('members', 'members.id', 'devices.member_id')
    .select(['devices.id as id', 'devices.commune_id as commune_id', 'devices.revoked_at as revoked_at', 'devices.last_seen_at as last_seen_at', 'members.data as data'])
    .where('devices.token_hash', '=', tokenHash).executeTakeFirst();
  if (!row || row.data === null) return null;
  return { deviceId: row.id, communeId: row.commune_id, revoked: row.revoked_at !== null, lastSeenAt: row.last_seen_at === null ? null : Number(row.last_seen_at), member: JSON.parse(row.data) as Member };
}

/** The ids of a commune's hamlets (removed ones left out). */
export async function communeHamletIds(store: Store, communeId: string): Promise<string[]> {
  const rows = await store.db.selectFrom('hamlets').select('id').where('commune_id', '=', communeId).where('data', 'is not', null).execute();
  return rows.map((r) => r.id);
}

export async function touchDevice(store: Store, deviceId: string, nowMs: number, appVersion: string | null): Promise<void> {
  await store.db.updateTable('devices').set({ last_seen_at: nowMs, ...(appVersion ? { app_version: appVersion } : {}) }).where('id', '=', deviceId).execute();
}

export interface NewCode {
  codeHash: string; communeId: string; memberId: string | null; role: Role; hamletIds: string[]; createdBy: string | null; nowMs: number; expiresAt: number;
}

export async function insertEnrolCode(store: Store, code: NewCode): Promise<void> {
  await store.db.insertInto('enrol_codes').values({
    code_hash: code.codeHash, commune_id: code.communeId, member_id: code.memberId, role: code.role, hamlet_ids: JSON.stringify(code.hamletIds),
    created_by: code.createdBy, created_at: code.nowMs, expires_at: code.expiresAt, used_at: null, device_id: null,
  }).execute();
}

export type RedeemResult =
  | { ok: true; member: Member; commune: Commune; hamlets: Hamlet[] }
  | { ok: false; reason: 'unknown' | 'used' | 'expired' | 'member_gone' };

export interface NewDevice { id: string; name: string; tokenHash: string }

/** Spends a code and enrols the device, in one transaction. `newMember` builds the member when the code names none. */
export async function redeemEnrolCode(
  store: Store, codeHash: string, nowMs: number, device: NewDevice,
  newMember: (code: { communeId: string; role: Role; hamletIds: string[] }) => Member,
): Promise<RedeemResult> {
  return store.db.transaction().execute(async (trx) => {
    const code = await trx.selectFrom('enrol_codes').selectAll().where('code_hash', '=', codeHash).executeTakeFirst();
    if (!code) return { ok: false, reason: 'unknown' } as const;
    if (code.used_at !== null) return { ok: false, reason: 'used' } as const;
    if (Number(code.expires_at) <= nowMs) return { ok: false, reason: 'expired' } as const;
    // Checked before the code is spent: a refusal returns normally, so the transaction commits what ran before it.
    let member: Member | undefined;
    if (code.member_id) {
      const row = await trx.selectFrom('members').select('data').where('id', '=', code.member_id).executeTakeFirst();
      if (!row?.data) return { ok: false, reason: 'member_gone' } as const;
      member = JSON.parse(row.data) as Member;
      // Such a device's every request would be refused (device-auth.ts): say so now, and keep the code.
      if (member.status === 'left') return { ok: false, reason: 'member_gone' } as const;
    }
    const spent = await trx.updateTable('enrol_codes').set({ used_at: nowMs, device_id: device.id })
      .where('code_hash', '=', codeHash).where('used_at', 'is', null).executeTakeFirst();
    if (Number(spent.numUpdatedRows) !== 1) return { ok: false, reason: 'used' } as const;
    if (!member) {
      member = newMember({ communeId: code.commune_id, role: code.role as Role, hamletIds: JSON.parse(code.hamlet_ids) as string[] });
      await upsertMembers(trx, [member], await nextSeq(trx));
    }
    await trx.insertInto('devices').values({
      id: device.id, commune_id: code.commune_id, member_id: member.id, token_hash: device.tokenHash, name: device.name,
      created_at: nowMs, last_seen_at: nowMs, app_version: null, revoked_at: null,
    }).execute();
    const commune = await trx.selectFrom('communes').select('data').where('id', '=', code.commune_id).executeTakeFirstOrThrow();
    const hamlets = await trx.selectFrom('hamlets').select('data').where('commune_id', '=', code.commune_id).execute();
    return {
      ok: true, member, commune: JSON.parse(commune.data!) as Commune,
      hamlets: hamlets.filter((h) => h.data !== null).map((h) => JSON.parse(h.data!) as Hamlet).sort((a, b) => a.order - b.order),
    } as const;
  });
}

export interface DeviceInfo {
  id: string; name: string; memberId: string; memberName: string; role: Role; hamletIds: string[];
  createdAt: string; lastSeenAt: string | null; appVersion: string | null; revokedAt: string | null;
}

const iso = (ms: number | null) => (ms === null ? null : new Date(Number(ms)).toISOString());

export async function listDevices(store: Store, communeId?: string): Promise<DeviceInfo[]> {
  const rows = await store.db.selectFrom('devices').innerJoin('members', 'members.id', 'devices.member_id')
    .select(['devices.id as id', 'devices.name as name', 'devices.member_id as member_id', 'devices.created_at as created_at',
      'devices.last_seen_at as last_seen_at', 'devices.app_version as app_version', 'devices.revoked_at as revoked_at', 'members.data as data'])
    .$if(communeId !== undefined, (q) => q.where('devices.commune_id', '=', communeId!))
    .orderBy('devices.created_at').execute();
  return rows.map((r) => {
    const m = (r.data ? JSON.parse(r.data) : { name: '?', role: 'member', hamletIds: [] }) as Member;
    return {
      id: r.id, name: r.name, memberId: r.member_id, memberName: m.name, role: m.role, hamletIds: m.hamletIds,
      createdAt: iso(r.created_at)!, lastSeenAt: iso(r.last_seen_at), appVersion: r.app_version, revokedAt: iso(r.revoked_at),
    };
  });
}

/** Revokes a device: its token stops working at once (the phone keeps its local data). */
export async function revokeDevice(store: Store, deviceId: string, nowMs: number, communeId?: string): Promise<boolean> {
  const res = await store.db.updateTable('devices').set({ revoked_at: nowMs }).where('id', '=', deviceId).where('revoked_at', 'is', null)
    .$if(communeId !== undefined, (q) => q.where('commune_id', '=', communeId!)).executeTakeFirst();
  return Number(res.numUpdatedRows) === 1;
}
