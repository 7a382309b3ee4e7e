/**
 * Push: send the outbox oldest first in batches whose size adapts to the link — start at PUSH_BATCH_START_ITEMS,
 * halve on 413 or timeout, double after each success. Acknowledged items leave the outbox batch by batch, so a
 * reload or a cut connection resumes where it stopped; a batch sent twice comes back as "duplicate".
 */
import { PUSH_RESULTS_COMPACT, PushResponse, type MutationType, type PushResult } from '../shared/protocol';
import { PUSH_BATCH_MAX_ITEMS, PUSH_BATCH_START_ITEMS } from '../shared/limits';
import { gzip, request } from './transport';
import { SYNC_TIMEOUT_MS, SyncStop, type SyncRun } from './run';
import type { Credentials, QueuedMutation } from './store';

const KIND: Partial<Record<MutationType, 'visits' | 'households' | 'persons' | 'removals'>> = {
  'visit.create': 'visits', 'household.put': 'households', 'person.put': 'persons', 'person.delete': 'persons',
  'household.delete': 'removals',
};

export async function pushAll(run: SyncRun, creds: Credentials): Promise<void> {
  const { store } = run.deps;
  let size = PUSH_BATCH_START_ITEMS;
  let useGzip = run.deps.compress ?? true;
  for (;;) {
    const batch = await store.pendingBatch(size);
    if (batch.length === 0) return;
    const json = JSON.stringify({ mutations: batch.map((q) => q.mutation) });
    const zipped = useGzip ? await gzip(json) : null;
    const body = zipped ?? json;
    const headers: Record<string, string> = { 'content-type': 'application/json', authorization: `Bearer ${creds.token}` };
    if (zipped) headers['content-encoding'] = 'gzip';
    // Compact results: the server lists only what was not stored; an older server ignores it and lists all.
    const out = await request(`${creds.serverUrl}/api/v1/sync/push?results=${PUSH_RESULTS_COMPACT}`, { method: 'POST', headers, body: body as BodyInit },
      { fetch: run.deps.fetch, timeoutMs: run.deps.timeoutMs ?? SYNC_TIMEOUT_MS }, (j) => {
        const r = PushResponse.safeParse(j);
        return r.success ? r.data : undefined;
      });
    const bytes = zipped ? zipped.length : new TextEncoder().encode(json).length;
    switch (out.kind) {
      case 'ok': {
        const acknowledged = await acknowledge(run, batch, out.body);
        run.emit({ bytesSent: run.progress.bytesSent + bytes, bytesReceived: run.progress.bytesReceived + out.bytes });
        if (acknowledged === 0) throw new SyncStop('bad_response', 'no result matched the batch');
        run.succeeded();
        size = Math.min(PUSH_BATCH_MAX_ITEMS, size * 2);
        break;
      }
      case 'too_large':
        if (batch.length > 1) size = Math.max(1, Math.floor(batch.length / 2));
        else await refuse(run, batch[0]!, `Quá lớn, máy chủ không nhận (${out.message})`);
        break;
      case 'bad':
        if (out.status === 415 && useGzip) useGzip = false; // a server without gzip support: send plain JSON
        else if (batch.length > 1) size = Math.max(1, Math.floor(batch.length / 2)); // isolate the bad item
        else await refuse(run, batch[0]!, out.message);
        break;
      case 'retry':
        if (out.problem === 'timeout') size = Math.max(1, Math.floor(batch.length / 2));
        await run.backoff(out.problem, out.retryAfterMs);
        break;
      case 'fatal':
        throw new SyncStop(out.problem, out.message);
    }
  }
}

/**
 * Applies the server's verdicts. Returns how many batch items got one (results are matched by mutation id).
 * Compact answers list only the refused items and count the stored ones; the unlisted items are taken as stored
 * only when that count adds up exactly, otherwise they stay pending (sending them again is safe: "duplicate").
 */
async function acknowledge(run: SyncRun, batch: QueuedMutation[], body: PushResponse): Promise<number> {
  const byId = new Map(body.results.map((r) => [r.id, r]));
  const unlisted = batch.filter((q) => !byId.has(q.mutation.id)).length;
  const implied = body.acknowledged !== undefined && body.acknowledged === unlisted;
  const matched: { seq: number; result: PushResult }[] = [];
  for (const q of batch) {
    const result = byId.get(q.mutation.id) ?? (implied ? { id: q.mutation.id, status: 'accepted' as const } : undefined);
    if (!result) continue; // not answered: stays pending and goes again next batch
    matched.push({ seq: q.seq, result });
    if (result.status === 'accepted' || result.status === 'duplicate') run.sentByKind[KIND[q.mutation.type] ?? 'other']++;
    else run.rejected++;
  }
  await run.deps.store.acknowledge(matched);
  run.emit({ sent: run.progress.sent + matched.length });
  return matched.length;
}

async function refuse(run: SyncRun, q: QueuedMutation, reason: string): Promise<void> {
  await run.deps.store.acknowledge([{ seq: q.seq, result: { id: q.mutation.id, status: 'rejected', reason } }]);
  run.rejected++;
  run.emit({ sent: run.progress.sent + 1 });
}
