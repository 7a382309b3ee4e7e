/**
 * Small key/value state kept in the `meta` table: enrolment, settings, the local HLC, the pull cursor,
 * the last sync receipt and error. Read and written inside the callers' transactions where it matters
 * (the HLC must advance in the same transaction as the mutation that used it).
 */
import type { Commune, Hamlet, Member } from '../shared/schema';
import { tickHlc } from '../shared/hlc';
import { uuidv7 } from '../shared/ids';
import { db, type MetaRow } from './db';
import type { SyncErrorData, SyncReceiptData } from '../sync/store';

export interface Device {
  deviceId: string;
  token: string;
  serverUrl: string;
  member: Member;
  commune: Commune;
  hamlets: Hamlet[];
  enrolledAt: string;
}

export type Lang = 'vi' | 'en';
export interface Settings {
  lang: Lang;
  hamletId: string | null;
}
export const DEFAULT_SETTINGS: Settings = { lang: 'vi', hamletId: null };

export type SyncReceipt = SyncReceiptData;
export type SyncError = SyncErrorData;

/** Local identity used for demo data when the device is not enrolled (or for demo households). */
export interface DemoIdentity {
  memberId: string;
  communeId: string;
}

export type MetaKey = 'device' | 'settings' | 'hlc' | 'node' | 'cursor' | 'unread' | 'receipt' | 'syncError' | 'demo' | typeof LAST_GOOD_SYNC_KEY;
/** Time of the last successful sync; the receipt itself is overwritten by failed attempts too. Key kept from v1 data. */
export const LAST_GOOD_SYNC_KEY = 'reports.lastGoodSync';

export async function getMeta<T>(key: MetaKey): Promise<T | undefined> {
  const row = await db.meta.get(key);
  return row?.value as T | undefined;
}

export async function setMeta(key: MetaKey, value: unknown): Promise<void> {
  await db.meta.put({ key, value });
}

export async function deleteMeta(key: MetaKey): Promise<void> {
  await db.meta.delete(key);
}

/** What a local write needs from meta, read in one request: who writes, and the clock. */
export interface WriterContext {
  device?: Device;
  demo?: DemoIdentity;
  hlc?: string;
  node?: string;
}

/**
 * The writer's four keys ('demo' < 'device' < 'hlc' < 'node') are exactly the meta keys in this range, so one range
 * read replaces four gets (a request each). A key added later inside the range is read and ignored.
 */
export const WRITER_KEYS = { lower: 'demo', upper: 'node' } as const;

export function writerContextFrom(rows: readonly MetaRow[]): WriterContext {
  const ctx: Record<string, unknown> = {};
  for (const r of rows) if (r.key === 'device' || r.key === 'demo' || r.key === 'hlc' || r.key === 'node') ctx[r.key] = r.value;
  return ctx as WriterContext;
}

export async function writerContext(): Promise<WriterContext> {
  return writerContextFrom(await db.meta.where(':id').between(WRITER_KEYS.lower, WRITER_KEYS.upper, true, true).toArray());
}

/** HLC node: the enrolled device id; before enrolment a random local id, created once and kept (clocks stay unique). */
function nodeOf(ctx: WriterContext): { node: string; writes: MetaRow[] } {
  const node = ctx.device?.deviceId ?? ctx.node;
  if (node) return { node, writes: [] };
  const created = uuidv7();
  return { node: created, writes: [{ key: 'node', value: created }] };
}

export async function localNode(): Promise<string> {
  const { node, writes } = nodeOf(await writerContext());
  if (writes.length) await db.meta.bulkPut(writes);
  return node;
}

/**
 * The next HLC from an already-read context: the new clock and the meta rows to write with it (same transaction).
 * Lets a save issue all its reads at once, then all its writes at once (recordVisit).
 */
export function tickFrom(ctx: WriterContext, now: number): { hlc: string; writes: MetaRow[] } {
  const { node, writes } = nodeOf(ctx);
  const hlc = tickHlc(ctx.hlc, node, now);
  return { hlc, writes: [...writes, { key: 'hlc', value: hlc }] };
}

/** Next HLC for a local write. Call inside the write's transaction (meta must be in its scope). */
export async function nextHlc(now: number = Date.now()): Promise<string> {
  const { hlc, writes } = tickFrom(await writerContext(), now);
  await db.meta.bulkPut(writes);
  return hlc;
}
