/**
 * What a wrong phone date left behind, stamped again once the date is right (the sync engine decides when:
 * src/sync/clock.ts). The server refuses changes stamped more than a day ahead of its clock; with the phone's clock
 * now agreeing with the server's, a refused item stamped more than a day ahead of now was stamped while the date was
 * wrong. It gets a fresh stamp and is pending again; outbox order is kept (stamps are taken in seq order).
 * An edit (household, person, member) is re-sent with the values the phone shows now for the fields it wrote: a later
 * edit on this phone may have changed one since, and the re-sent older value, now the newest stamp, would win over it.
 * The household and person fields it carries take the new stamp here too, so the phone and the server agree.
 */
import { db, type MetaRow, type OutboxRow } from './db';
import { tickFrom, writerContext, type WriterContext } from './meta';
import { HLC_MAX_DRIFT_MS, decodeHlc } from '../shared/hlc';
import type { Mutation } from '../shared/protocol';

const stampedAhead = (r: OutboxRow, now: number) => r.demo !== 1 && decodeHlc(r.mutation.hlc).wallMs > now + HLC_MAX_DRIFT_MS;

export async function restampFuture(now: number): Promise<number[]> {
  return db.transaction('rw', [db.outbox, db.households, db.persons, db.members, db.meta], async () => {
    // The status index is ordered by seq within one status.
    const rows = (await db.outbox.where('status').equals('rejected').toArray()).filter((r) => stampedAhead(r, now));
    if (rows.length === 0) return [];
    let ctx: WriterContext = await writerContext();
    const meta = new Map<string, MetaRow>();
    for (const row of rows) {
      const { hlc, writes } = tickFrom(ctx, now);
      for (const w of writes) { ctx = { ...ctx, [w.key]: w.value }; meta.set(w.key, w); }
      const mutation = { ...(await asShownNow(row.mutation, hlc)), hlc } as Mutation;
      const { reason: _refusal, ...rest } = row;
      await db.outbox.put({ ...rest, mutation, status: 'pending' });
    }
    await db.meta.bulkPut([...meta.values()]);
    return rows.map((r) => r.seq!);
  });
}

/** Current values of the fields an edit wrote (a field the local copy lacks keeps the edit's value). */
function currentFields(fields: Record<string, unknown>, local: Record<string, unknown>): Record<string, unknown> {
  return Object.fromEntries(Object.keys(fields).map((k) => [k, k in local ? local[k] : fields[k]]));
}

/** The edit as it is re-sent; household and person fields it carries take the new stamp in the local copy. */
async function asShownNow(m: Mutation, hlc: string): Promise<Mutation> {
  const stamp = (stamps: Record<string, string>, fields: object) => ({ ...stamps, ...Object.fromEntries(Object.keys(fields).map((k) => [k, hlc])) });
  if (m.type === 'household.put') {
    const h = await db.households.get(m.entityId);
    if (!h) return m;
    const fields = currentFields(m.payload.fields, h) as typeof m.payload.fields;
    await db.households.put({ ...h, hlc: stamp(h.hlc, fields) });
    return { ...m, payload: { ...m.payload, fields } };
  }
  if (m.type === 'person.put') {
    const p = await db.persons.get(m.entityId);
    if (!p) return m;
    const fields = currentFields(m.payload.fields, p) as typeof m.payload.fields;
    await db.persons.put({ ...p, hlc: stamp(p.hlc, fields) });
    return { ...m, payload: { ...m.payload, fields } };
  }
  if (m.type === 'member.put') {
    const member = await db.members.get(m.entityId);
    return member ? { ...m, payload: { fields: currentFields(m.payload.fields, member) as typeof m.payload.fields } } : m;
  }
  return m;
}
