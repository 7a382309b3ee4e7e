/**
 * Bulk outbox reads and writes for the sync engine's pipelined push (src/sync/push.ts). The engine reads the next
 * batch while the previous one is still on the wire, so it reads by position (after the last seq it handed out)
 * instead of "the oldest pending"; and it settles a whole batch's verdicts with one bulkDelete instead of one
 * delete per item (≈ 0.4 s → tens of ms for 1,000 items on a phone). dexieSyncStore (sync-store.ts) uses them: only
 * accepted/duplicate leave the outbox, conflict/rejected stay with the reason, demo items are never sent.
 */
import { db, type OutboxRow } from './db';
import type { PushResult } from '../shared/protocol';
import type { QueuedMutation } from '../sync/store';

const sendable = (o: OutboxRow) => o.status === 'pending' && o.demo !== 1;

/**
 * Up to `limit` pending, non-demo mutations with seq > `afterSeq`, in outbox order. Reads primary-key ranges with
 * getAll (one request per chunk, no cursor); refused or demo rows in the range are skipped and the next chunk read.
 */
export async function pendingAfter(afterSeq: number, limit: number): Promise<QueuedMutation[]> {
  const out: QueuedMutation[] = [];
  let from = afterSeq;
  while (out.length < limit) {
    const want = limit - out.length;
    const rows = await db.outbox.where(':id').above(from).limit(want).toArray();
    for (const r of rows) if (sendable(r)) out.push({ seq: r.seq!, mutation: r.mutation });
    if (rows.length < want) break;
    from = rows.at(-1)!.seq!;
  }
  return out;
}

/** Pending items to send: all pending minus the (rare) pending demo ones — two index counts, no cursor over all. */
export async function sendableCount(): Promise<number> {
  const [pending, demo] = await Promise.all([
    db.outbox.where('status').equals('pending').count(),
    db.outbox.where('demo').equals(1).filter((o) => o.status === 'pending').count(),
  ]);
  return pending - demo;
}

/** A batch's verdicts in one transaction: one bulkDelete for the stored items, the reason kept on refused ones. */
export async function acknowledgeBatch(results: { seq: number; result: PushResult }[]): Promise<void> {
  const stored = results.filter(({ result }) => result.status === 'accepted' || result.status === 'duplicate').map(({ seq }) => seq);
  const refused = results.flatMap(({ seq, result }) => result.status === 'conflict' || result.status === 'rejected'
    ? [{ seq, status: result.status, reason: result.reason ?? result.status }] : []);
  await db.transaction('rw', db.outbox, async () => {
    if (stored.length) await db.outbox.bulkDelete(stored);
    for (const { seq, status, reason } of refused) await db.outbox.update(seq, { status, reason });
  });
}
