/**
 * What a wrong phone date left behind, stamped again once the date is right (the sync engine decides when:
 * src/sync/clock.ts). The server refuses changes stamped more than a day ahead of its clock; with the phone's clock
 * now agreeing with the server's, a refused item stamped more than a day ahead of now was stamped while the date was
 * wrong. It gets a fresh stamp and is pending again; outbox order is kept (stamps are taken in seq order). The
 * household and person fields it wrote on this phone carry the new stamp too, so that the phone's copy and the
 * server's agree on which write is the newest.
 */
import { db, type MetaRow, type OutboxRow } from './db';
import { tickFrom, writerContext, type WriterContext } from './meta';
import { HLC_MAX_DRIFT_MS, decodeHlc } from '../shared/hlc';

const stampedAhead = (r: OutboxRow, now: number) => r.demo !== 1 && decodeHlc(r.mutation.hlc).wallMs > now + HLC_MAX_DRIFT_MS;

export async function restampFuture(now: number): Promise<number[]> {
  return db.transaction('rw', [db.outbox, db.households, db.persons, db.meta], async () => {
    // The status index is ordered by seq within one status.
    const rows = (await db.outbox.where('status').equals('rejected').toArray()).filter((r) => stampedAhead(r, now));
    if (rows.length === 0) return [];
    let ctx: WriterContext = await writerContext();
    const meta = new Map<string, MetaRow>();
    for (const row of rows) {
      const { hlc, writes } = tickFrom(ctx, now);
      for (const w of writes) { ctx = { ...ctx, [w.key]: w.value }; meta.set(w.key, w); }
      await restampFields(row, row.mutation.hlc, hlc);
      const { reason: _refusal, ...rest } = row;
      await db.outbox.put({ ...rest, mutation: { ...row.mutation, hlc }, status: 'pending' });
    }
    await db.meta.bulkPut([...meta.values()]);
    return rows.map((r) => r.seq!);
  });
}

/** The local copy's fields that this item wrote (still carrying its old stamp) take the new one. */
async function restampFields(row: OutboxRow, old: string, hlc: string): Promise<void> {
  const { type, entityId } = row.mutation;
  const swap = (stamps: Record<string, string>) => Object.fromEntries(Object.entries(stamps).map(([f, h]) => [f, h === old ? hlc : h]));
  if (type === 'household.put') {
    const h = await db.households.get(entityId);
    if (h) await db.households.put({ ...h, hlc: swap(h.hlc) });
  } else if (type === 'person.put') {
    const p = await db.persons.get(entityId);
    if (p) await db.persons.put({ ...p, hlc: swap(p.hlc) });
  }
}
