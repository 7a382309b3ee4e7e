/** The bulk outbox operations the pipelined push uses (src/data/sync-batch.ts), on a real (fake-indexeddb) outbox. */
import { beforeEach, describe, expect, it } from 'vitest';
import { freshDb } from './data-helpers';
import { db } from '../../src/data/db';
import { outboxRow } from '../../src/data/outbox';
import { dexieSyncStore } from '../../src/data/sync-store';
import { acknowledgeBatch, pendingAfter, sendableCount } from '../../src/data/sync-batch';
import type { Mutation } from '../../src/shared/protocol';

beforeEach(freshDb);

const mutation = (i: number) => ({ id: `m-${i}`, type: 'visit.create', entityId: `v-${i}`, hlc: 'x', payload: {} }) as unknown as Mutation;

/** 30 outbox rows: every 5th is demo, every 7th was refused earlier; the rest are pending. */
async function fill(): Promise<number[]> {
  const seqs: number[] = [];
  for (let i = 0; i < 30; i++) {
    const row = outboxRow(mutation(i), 'h-1', i % 5 === 0, Date.parse('2026-11-20T03:00:00Z') + i);
    seqs.push(await db.outbox.add(i % 7 === 3 ? { ...row, status: 'rejected', reason: 'Ngoài phạm vi' } : row));
  }
  return seqs;
}

describe('bulk outbox operations for the pipelined push', () => {
  it('pendingAfter returns sendable items after a seq, in order, reading past demo and refused rows', async () => {
    const seqs = await fill();
    const expected = await dexieSyncStore.pendingBatch(100);
    expect(expected.length).toBe(21); // 30 − 6 demo − 4 refused + 1 both
    expect(await pendingAfter(0, 100)).toEqual(expected);
    // Chunks of `limit` rows hold skipped rows: it keeps reading until it has `limit` sendable ones.
    expect(await pendingAfter(0, 4)).toEqual(expected.slice(0, 4));
    expect(await pendingAfter(seqs[10]!, 5)).toEqual(expected.filter((q) => q.seq > seqs[10]!).slice(0, 5));
    expect(await pendingAfter(seqs.at(-1)!, 5)).toEqual([]);
  });

  it('sendableCount equals the pending non-demo items', async () => {
    await fill();
    expect(await sendableCount()).toBe(await db.outbox.filter((o) => o.status === 'pending' && o.demo !== 1).count());
    expect(await dexieSyncStore.pendingCount()).toBe(21);
  });

  it('acknowledgeBatch removes stored items and keeps refused ones with the reason, others untouched', async () => {
    await fill();
    const [a, b, c, d] = await pendingAfter(0, 4);
    await acknowledgeBatch([
      { seq: a!.seq, result: { id: a!.mutation.id, status: 'accepted' } },
      { seq: b!.seq, result: { id: b!.mutation.id, status: 'duplicate' } },
      { seq: c!.seq, result: { id: c!.mutation.id, status: 'conflict', reason: 'Nội dung khác' } },
    ]);
    expect(await db.outbox.get(a!.seq)).toBeUndefined();
    expect(await db.outbox.get(b!.seq)).toBeUndefined();
    expect(await db.outbox.get(c!.seq)).toMatchObject({ status: 'conflict', reason: 'Nội dung khác' });
    expect(await db.outbox.get(d!.seq)).toMatchObject({ status: 'pending' });
    expect((await pendingAfter(0, 1))[0]).toEqual(d);
    expect(await sendableCount()).toBe(18);
  });
});
