/** Enrolment, settings and the hamlets this device knows. */
import { db } from './db';
import { withFirstPaintCleared } from './first-paint';
import { DEFAULT_SETTINGS, deleteMeta, getMeta, setMeta, type DemoIdentity, type Device, type Settings } from './meta';
import type { EnrolResponse } from '../shared/protocol';
import type { Commune, Hamlet } from '../shared/schema';

export function getDevice(): Promise<Device | undefined> {
  return getMeta<Device>('device');
}

/**
 * Stores the enrolment answer: credentials, the member, commune and hamlets. If the device had the same demo
 * commune loaded locally (the server seeds identical demo ids), the local demo copy goes first so pulled rows win.
 */
export function saveEnrolment(res: EnrolResponse, serverUrl: string, now: number = Date.now()): Promise<Device> {
  return withFirstPaintCleared(() => storeEnrolment(res, serverUrl, now));
}

async function storeEnrolment(res: EnrolResponse, serverUrl: string, now: number): Promise<Device> {
  const demo = await getMeta<{ communeId: string }>('demo');
  // Loaded on demand (outside any transaction): demo.ts stays off the first route.
  if (demo && demo.communeId === res.commune.id) await (await import('./demo')).removeDemo();
  const device: Device = {
    deviceId: res.deviceId, token: res.token, serverUrl: serverUrl.replace(/\/+$/, ''), member: res.member,
    commune: res.commune, hamlets: res.hamlets, enrolledAt: new Date(now).toISOString(),
  };
  await db.transaction('rw', [db.meta, db.communes, db.hamlets, db.members], async () => {
    await setMeta('device', device);
    await deleteMeta('cursor');
    await deleteMeta('unread');
    await db.communes.put(res.commune);
    await db.hamlets.bulkPut(res.hamlets);
    await db.members.put(res.member);
    const settings = await getSettings();
    const visible = res.member.hamletIds.length ? res.member.hamletIds : res.hamlets.map((h) => h.id);
    if (!settings.hamletId || !visible.includes(settings.hamletId)) await setMeta('settings', { ...settings, hamletId: visible[0] ?? null });
  });
  return device;
}

export class UnsyncedDataError extends Error {
  constructor(readonly pending: number) {
    super(`Còn ${pending} mục chưa gửi lên máy chủ. Hãy đồng bộ trước khi gỡ thiết bị.`);
    this.name = 'UnsyncedDataError';
  }
}

/**
 * Un-enrols this device and erases the commune's (non-demo) data from it. Refuses while unsynced items remain,
 * unless `discardUnsynced` (e.g. the token was revoked and the leader agreed the items are lost).
 */
export function forgetDevice(opts: { discardUnsynced?: boolean } = {}): Promise<void> {
  return withFirstPaintCleared(() => db.transaction('rw', [db.meta, db.communes, db.hamlets, db.members, db.households, db.persons, db.visits, db.events, db.reports, db.drafts, db.outbox, db.digests, db.householdFacts, db.hamletFacts], async () => {
    const pending = await db.outbox.filter((o) => o.demo !== 1).count();
    if (pending && !opts.discardUnsynced) throw new UnsyncedDataError(pending);
    const realHouseholds = await db.households.filter((h) => h.demo !== 1).primaryKeys();
    await db.drafts.bulkDelete(realHouseholds);
    const demo = await getMeta<{ communeId: string }>('demo');
    await db.communes.filter((c) => c.id !== demo?.communeId).delete();
    for (const table of [db.hamlets, db.members, db.households, db.persons, db.visits, db.events, db.reports, db.digests, db.householdFacts] as const) {
      const keys = await (table as typeof db.hamlets).filter((r) => r.demo !== 1).primaryKeys();
      await (table as typeof db.hamlets).bulkDelete(keys);
    }
    await db.hamletFacts.clear(); // a cache over the digests: rebuilt when the dashboard next needs it
    await db.outbox.filter((o) => o.demo !== 1).delete();
    for (const key of ['device', 'cursor', 'unread', 'receipt', 'syncError'] as const) await deleteMeta(key);
    const settings = await getSettings();
    if (settings.hamletId && !(await db.hamlets.get(settings.hamletId))) await setMeta('settings', { ...settings, hamletId: null });
  }));
}

export async function getSettings(): Promise<Settings> {
  return { ...DEFAULT_SETTINGS, ...(await getMeta<Partial<Settings>>('settings')) };
}

export async function saveSettings(change: Partial<Settings>): Promise<Settings> {
  return db.transaction('rw', db.meta, async () => {
    const next = { ...(await getSettings()), ...change };
    await setMeta('settings', next);
    return next;
  });
}

/** Hamlets on this device (enrolled commune and demo), in the commune's order. */
export async function listHamlets(): Promise<(Hamlet & { demo: boolean })[]> {
  const rows = await db.hamlets.toArray();
  return rows.sort((a, b) => a.order - b.order || a.name.localeCompare(b.name, 'vi')).map((h) => ({ ...h, demo: h.demo === 1 }));
}

export async function listCommunes(): Promise<Commune[]> {
  return db.communes.toArray();
}

/** Demo data is on this phone (the demo commune "Tam Quang", see demo.ts). */
export async function isDemoLoaded(): Promise<boolean> {
  return (await getMeta<DemoIdentity>('demo')) !== undefined;
}
