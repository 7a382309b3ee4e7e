/**
 * The sync engine's storage, on Dexie. Pulled pages are applied in one transaction each, together with their
 * cursor: a reload mid-pull resumes at the last applied page, and a page is never half applied.
 */
import { db, type HouseholdRow, type OutboxRow, type PersonRow } from './db';
import { refreshDigests } from './digests';
import { acknowledgeBatch, pendingAfter, sendableCount } from './sync-batch';
import { restampFuture } from './clock-repair';
import { deleteMeta, getMeta, LAST_GOOD_SYNC_KEY, localNode, setMeta, type Device } from './meta';
import { mergeStates, type LwwState } from '../shared/merge';
import { maxHlc, receiveHlc } from '../shared/hlc';
import type { Household, Person, Visit } from '../shared/schema';
import { HOUSEHOLD_FIELD_NAMES as HOUSEHOLD_FIELDS, PERSON_FIELD_NAMES as PERSON_FIELDS } from '../shared/fields';
import { Change as ChangeSchema, type Change, type PullResponse } from '../shared/protocol';
import type { PulledPage, SyncReceiptData, SyncStore } from '../sync/store';

const ALL = () => [db.meta, db.communes, db.hamlets, db.members, db.households, db.persons, db.visits, db.events, db.reports, db.drafts, db.outbox, db.digests, db.householdFacts, db.hamletFacts];

function toLww<R extends { id: string; hlc: Record<string, string>; conflicts: Household['conflicts'] }>(row: R, keys: readonly string[]): LwwState<Record<string, unknown>> {
  const fields: Record<string, unknown> = {};
  for (const k of keys) fields[k] = (row as Record<string, unknown>)[k];
  return { id: row.id, hlc: row.hlc, conflicts: row.conflicts, fields };
}

/** Remote state merged with this device's copy: per field the higher HLC wins, so unsynced local edits survive. */
function reconcile<R extends Household | Person>(local: (R & { demo?: 1 }) | undefined, remote: R, keys: readonly string[]): R {
  if (!local) return remote;
  const merged = mergeStates(toLww(local, keys), toLww(remote, keys));
  return { ...remote, ...merged.fields, hlc: merged.hlc, conflicts: merged.conflicts };
}

async function applyChanges(changes: Change[]): Promise<string | undefined> {
  const pending = await db.outbox.where('status').equals('pending').toArray();
  const locallyDeleted = new Set(pending.filter((o: OutboxRow) => o.mutation.type.endsWith('.delete')).map((o) => o.entityId));
  const hhIds = changes.filter((c) => c.entity === 'household').map((c) => c.id);
  const personIds = changes.filter((c) => c.entity === 'person').map((c) => c.id);
  const households = new Map<string, HouseholdRow | null>();
  const persons = new Map<string, PersonRow | null>();
  const visits = new Map<string, Visit | null>();
  (await db.households.bulkGet(hhIds)).forEach((h) => h && households.set(h.id, h));
  (await db.persons.bulkGet(personIds)).forEach((p) => p && persons.set(p.id, p));
  // The households whose digest must be rebuilt: every one a change lands in, including erased people and visits.
  const touched = new Set<string>();
  for (const p of persons.values()) if (p) touched.add(p.householdId);
  const erasedVisits = changes.filter((c) => c.entity === 'visit' && !c.data).map((c) => c.id);
  for (const v of await db.visits.bulkGet(erasedVisits)) if (v) touched.add(v.householdId);
  const removedHouseholds: string[] = [];
  let seen: string | undefined;
  for (const c of changes) {
    switch (c.entity) {
      case 'household':
        touched.add(c.id);
        if (!c.data) { households.set(c.id, null); removedHouseholds.push(c.id); break; }
        if (locallyDeleted.has(c.id)) break; // this device asked for removal; the tombstone is on its way
        households.set(c.id, reconcile(households.get(c.id) ?? undefined, c.data, HOUSEHOLD_FIELDS));
        for (const h of Object.values(c.data.hlc)) seen = maxHlc(seen, h);
        break;
      case 'person':
        if (!c.data) { persons.set(c.id, null); break; }
        touched.add(c.data.householdId);
        if (locallyDeleted.has(c.id) || locallyDeleted.has(c.data.householdId)) break;
        persons.set(c.id, reconcile(persons.get(c.id) ?? undefined, c.data, PERSON_FIELDS));
        for (const h of Object.values(c.data.hlc)) seen = maxHlc(seen, h);
        break;
      case 'visit':
        if (c.data && locallyDeleted.has(c.data.householdId)) break;
        if (c.data) touched.add(c.data.householdId);
        visits.set(c.id, c.data);
        break;
      case 'commune': await (c.data ? db.communes.put(c.data) : db.communes.delete(c.id)); break;
      case 'hamlet': await (c.data ? db.hamlets.put(c.data) : db.hamlets.delete(c.id)); break;
      case 'member': await (c.data ? db.members.put(c.data) : db.members.delete(c.id)); break;
      case 'event': await (c.data ? db.events.put(c.data) : db.events.delete(c.id)); break;
      case 'report': await (c.data ? db.reports.put(c.data) : db.reports.delete(c.id)); break;
    }
  }
  const put = <T>(m: Map<string, T | null>) => [...m.values()].filter((v): v is T => v !== null);
  const gone = <T>(m: Map<string, T | null>) => [...m.entries()].filter(([, v]) => v === null).map(([k]) => k);
  await db.households.bulkPut(put(households));
  await db.households.bulkDelete(gone(households));
  await db.persons.bulkPut(put(persons));
  await db.persons.bulkDelete(gone(persons));
  await db.visits.bulkPut(put(visits));
  await db.visits.bulkDelete(gone(visits));
  if (removedHouseholds.length) {
    // A tombstone erases the household and everything under it on this device too.
    await db.persons.where('householdId').anyOf(removedHouseholds).delete();
    await db.visits.where('householdId').anyOf(removedHouseholds).delete();
    await db.drafts.bulkDelete(removedHouseholds);
  }
  await refreshDigests(touched);
  return seen;
}

/**
 * The phone's own member record changed hamlets or role (a leader moved or promoted the volunteer): the stored
 * enrolment takes it, so the screens show the new scope, and the cursor goes back to the start (the engine pulls
 * again in the same run, src/sync/pull.ts): the server sends a new hamlet's existing households only to a pull that
 * has not passed them yet.
 */
async function rescoped(device: Device, page: PullResponse): Promise<boolean> {
  const mine = page.changes.find((c) => c.entity === 'member' && c.id === device.member.id);
  const next = mine?.entity === 'member' ? mine.data : null;
  if (!next) return false;
  const same = next.role === device.member.role && next.hamletIds.length === device.member.hamletIds.length
    && next.hamletIds.every((id) => device.member.hamletIds.includes(id));
  await setMeta('device', { ...device, member: next });
  return !same;
}

/** At most this many unread changes are kept (a phone years behind would rather re-enrol than grow without end). */
const UNREAD_MAX = 5_000;
const idOf = (raw: unknown) => (raw as { id?: unknown } | null)?.id;

/**
 * Changes an earlier version of the app could not read (D26): kept as they came, and applied, before this page, by the
 * first version that reads them — the cursor has passed them and the server will not send them again. One that a
 * newer change of the same entity (in this page) supersedes is dropped; this page's unread changes join the list.
 */
async function readableNow(page: PulledPage): Promise<Change[]> {
  const kept = (await getMeta<unknown[]>('unread')) ?? [];
  if (!kept.length && !page.unread?.length) return [];
  const newer = new Set(page.changes.map((c) => c.id));
  const readable: Change[] = [];
  const still: unknown[] = [];
  for (const raw of kept) {
    if (newer.has(idOf(raw) as string)) continue;
    const r = ChangeSchema.safeParse(raw);
    if (r.success) readable.push(r.data);
    else still.push(raw);
  }
  const unread = [...still, ...(page.unread ?? [])].slice(-UNREAD_MAX);
  await (unread.length ? setMeta('unread', unread) : deleteMeta('unread'));
  return readable;
}

export const dexieSyncStore: SyncStore = {
  async credentials() {
    const device = await getMeta<Device>('device');
    return device ? { serverUrl: device.serverUrl, token: device.token } : undefined;
  },
  async pendingBatch(limit) {
    const rows = await db.outbox.where('status').equals('pending').filter((o) => o.demo !== 1).limit(limit).toArray();
    return rows.map((r) => ({ seq: r.seq!, mutation: r.mutation }));
  },
  // The pipelined push's bulk outbox operations (sync-batch.ts, D-S1).
  pendingAfter,
  pendingCount: sendableCount,
  acknowledge: acknowledgeBatch,
  restampFuture,
  cursor() {
    return getMeta<string>('cursor');
  },
  applyPull(page: PulledPage, now: number, token?: string) {
    return db.transaction('rw', ALL(), async () => {
      // Forgotten (un-enrolled) while this run was pulling: its pages must not bring the commune's data back. Enrolled
      // again meanwhile (another code, another token): they must not write the old scope and cursor over the new one.
      const device = await getMeta<Device>('device');
      if (!device || (token !== undefined && device.token !== token)) return 'forgotten' as const;
      const seen = await applyChanges([...(await readableNow(page)), ...page.changes]);
      if (seen) await setMeta('hlc', receiveHlc(await getMeta<string>('hlc'), seen, await localNode(), now));
      const restart = await rescoped(device, page);
      await setMeta('cursor', restart ? '' : page.cursor);
      return restart ? 'restart' as const : undefined;
    });
  },
  async saveReceipt(receipt) {
    // The receipt is overwritten by every attempt; the last *good* one dates the data leaders see offline.
    await db.transaction('rw', db.meta, async () => {
      if (receipt.sent.visits === 0) {
        const prev = await getMeta<SyncReceiptData>('receipt');
        const lastSent = prev && prev.sent.visits > 0 ? { at: prev.at, visits: prev.sent.visits } : prev?.lastSent;
        if (lastSent) receipt = { ...receipt, lastSent };
      }
      await setMeta('receipt', receipt);
      if (receipt.ok) await setMeta(LAST_GOOD_SYNC_KEY, receipt.at);
    });
  },
  async saveError(error) {
    await (error ? setMeta('syncError', error) : deleteMeta('syncError'));
  },
};
