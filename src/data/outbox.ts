/**
 * The outbox: mutations waiting for the server, in order. Only acknowledged items (accepted/duplicate) leave it;
 * conflict/rejected items stay with the server's reason until the volunteer dismisses them — nothing disappears
 * silently. Demo items are kept apart (never sent) and leave with the demo data.
 */
import { db, type OutboxRow, type OutboxStatus } from './db';
import type { Mutation, MutationType } from '../shared/protocol';

export function outboxRow(mutation: Mutation, householdId: string | null, demo: boolean, now: number): OutboxRow {
  return {
    mutationId: mutation.id, entityId: mutation.entityId, householdId, mutation, status: 'pending',
    createdAt: new Date(now).toISOString(), ...(demo ? { demo: 1 as const } : {}),
  };
}

export interface OutboxCounts {
  /** Items waiting to be sent (all kinds). */
  pending: number;
  /** Of which visits. */
  visits: number;
  /** Items the server refused (conflict or rejected), waiting for the volunteer to look. */
  rejected: number;
  /** Demo items among pending (never sent). */
  demo: number;
}

export interface OutboxItem {
  seq: number;
  mutationId: string;
  type: MutationType;
  entityId: string;
  householdId: string | null;
  status: OutboxStatus;
  /** Server's reason for conflict/rejected. */
  reason?: string;
  createdAt: string;
  demo: boolean;
}

export async function outboxCounts(): Promise<OutboxCounts> {
  const rows = await db.outbox.toArray();
  const counts: OutboxCounts = { pending: 0, visits: 0, rejected: 0, demo: 0 };
  for (const r of rows) {
    if (r.status !== 'pending') counts.rejected++;
    else {
      counts.pending++;
      if (r.mutation.type === 'visit.create') counts.visits++;
      if (r.demo) counts.demo++;
    }
  }
  return counts;
}

export async function listOutbox(): Promise<OutboxItem[]> {
  const rows = await db.outbox.orderBy('seq').toArray();
  return rows.map((r) => ({
    seq: r.seq!, mutationId: r.mutationId, type: r.mutation.type, entityId: r.entityId, householdId: r.householdId,
    status: r.status, reason: r.reason, createdAt: r.createdAt, demo: r.demo === 1,
  }));
}

/** The volunteer has read the reason: drop a refused item. Pending items cannot be dismissed. */
export async function dismissRejected(seq: number): Promise<boolean> {
  return db.transaction('rw', db.outbox, async () => {
    const row = await db.outbox.get(seq);
    if (!row || row.status === 'pending') return false;
    await db.outbox.delete(seq);
    return true;
  });
}
