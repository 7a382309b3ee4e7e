/**
 * One push batch: read from the outbox, encoded (gzip), sent, and its verdicts written back. Split from the
 * pipeline (push.ts) so that reading and gzipping the next batch can happen while this one is on the wire.
 */
import { asciiJson } from '../shared/ascii-json';
import { PUSH_RESULTS_COMPACT, PushResponse, type MutationType, type PushResult } from '../shared/protocol';
import { gzip, request, type Outcome } from './transport';
import { SYNC_TIMEOUT_MS, type SyncRun } from './run';
import type { Credentials, QueuedMutation } from './store';

const KIND: Partial<Record<MutationType, 'visits' | 'households' | 'persons' | 'removals'>> = {
  'visit.create': 'visits', 'household.put': 'households', 'person.put': 'persons', 'person.delete': 'persons',
  'household.delete': 'removals',
};

/**
 * Append-only records that no other mutation depends on: whether the server stores them before or after each
 * other changes nothing (a visit needs its household, which is never created by a visit). Only batches made of
 * these may share the link with another batch; anything else (a new household, an edit, a removal) goes alone, so
 * the server sees it strictly in outbox order relative to the visits around it.
 */
const INDEPENDENT: ReadonlySet<MutationType> = new Set(['visit.create', 'event.create', 'report.submit']);

export interface Prepared {
  batch: QueuedMutation[];
  body: Uint8Array | string;
  gzipped: boolean;
  bytes: number;
  independent: boolean;
  lastSeq: number;
}

/**
 * Reads up to `limit` sendable items after `afterSeq` and encodes them; null when there is nothing more.
 * `unsettled` bounds how many pending items at or before `afterSeq` a plain pendingBatch may return.
 */
export async function prepareBatch(run: SyncRun, afterSeq: number, limit: number, useGzip: boolean, unsettled: number): Promise<Prepared | null> {
  const { store } = run.deps;
  const batch = store.pendingAfter
    ? await store.pendingAfter(afterSeq, limit)
    : (await store.pendingBatch(limit + unsettled)).filter((q) => q.seq > afterSeq).slice(0, limit);
  if (batch.length === 0) return null;
  // ASCII JSON: the server reads it faster than UTF-8 (D-I7); still plain JSON to any server.
  const json = asciiJson({ mutations: batch.map((q) => q.mutation) });
  const zipped = useGzip ? await gzip(json) : null;
  return {
    batch, body: zipped ?? json, gzipped: zipped !== null, bytes: zipped ? zipped.length : json.length, // ASCII: one byte per character
    independent: batch.every((q) => INDEPENDENT.has(q.mutation.type)), lastSeq: batch.at(-1)!.seq,
  };
}

export function sendBatch(run: SyncRun, creds: Credentials, p: Prepared): Promise<Outcome<PushResponse>> {
  const headers: Record<string, string> = { 'content-type': 'application/json', authorization: `Bearer ${creds.token}` };
  if (p.gzipped) headers['content-encoding'] = 'gzip';
  // Compact results: the server lists only what was not stored; an older server ignores it and lists all.
  return request(`${creds.serverUrl}/api/v1/sync/push?results=${PUSH_RESULTS_COMPACT}`, { method: 'POST', headers, body: p.body as BodyInit },
    { fetch: run.deps.fetch, timeoutMs: run.deps.timeoutMs ?? SYNC_TIMEOUT_MS }, (j) => {
      const r = PushResponse.safeParse(j);
      return r.success ? r.data : undefined;
    });
}

/**
 * Matches the server's verdicts to the batch (by mutation id). Compact answers list only the refused items and
 * count the stored ones; the unlisted items are taken as stored only when that count adds up exactly, otherwise
 * they stay pending (sending them again is safe: "duplicate").
 */
export function verdicts(batch: QueuedMutation[], body: PushResponse): { seq: number; mutation: QueuedMutation['mutation']; result: PushResult }[] {
  const byId = new Map(body.results.map((r) => [r.id, r]));
  const unlisted = batch.filter((q) => !byId.has(q.mutation.id)).length;
  const implied = body.acknowledged !== undefined && body.acknowledged === unlisted;
  return batch.flatMap((q) => {
    const result = byId.get(q.mutation.id) ?? (implied ? { id: q.mutation.id, status: 'accepted' as const } : undefined);
    return result ? [{ seq: q.seq, mutation: q.mutation, result }] : []; // not answered: stays pending
  });
}

/** Writes the verdicts to the outbox (one transaction) and counts them for the progress and the receipt. */
export async function settle(run: SyncRun, p: Prepared, body: PushResponse, bytesReceived: number): Promise<number> {
  const matched = verdicts(p.batch, body);
  run.sawServerTime(body.serverTime);
  await run.deps.store.acknowledge(matched.map(({ seq, result }) => ({ seq, result })));
  for (const { seq, mutation, result } of matched) {
    if (result.status === 'accepted' || result.status === 'duplicate') run.sentByKind[KIND[mutation.type] ?? 'other']++;
    else run.refused.add(seq);
  }
  run.emit({ sent: run.progress.sent + matched.length, bytesSent: run.progress.bytesSent + p.bytes, bytesReceived: run.progress.bytesReceived + bytesReceived });
  return matched.length;
}

export async function refuse(run: SyncRun, q: QueuedMutation, reason: string): Promise<void> {
  await run.deps.store.acknowledge([{ seq: q.seq, result: { id: q.mutation.id, status: 'rejected', reason } }]);
  run.refused.add(q.seq);
  run.emit({ sent: run.progress.sent + 1 });
}
