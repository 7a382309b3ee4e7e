/**
 * What a wrong phone date left behind, stamped again once the date is right (the sync engine decides when:
 * src/sync/clock.ts). The server refuses changes stamped more than a day ahead of its clock; with the phone's clock
 * now agreeing with the server's, a refused item stamped more than a day ahead of now was stamped while the date was
 * wrong. It gets a fresh stamp and is pending again; outbox order is kept (stamps are taken in seq order).
 * An edit (household, person, member) is re-sent with the values the phone shows now for the fields it wrote: a later
 * edit on this phone may have changed one since, and the re-sent older value, now the newest stamp, would win over it.
 * The household and person fields it carries take the new stamp here too, so the phone and the server agree.
 * Items refused in the same run that come after a re-stamped one (`retry`) are queued again too: they may have been
 * refused only because of it (a visit to, or the removal of, a household whose creation had the wrong date).
 * A visit dated in the future is dated now (`datedNow`).
 */
import type { Table } from 'dexie';
import { db, type MetaRow, type OutboxRow } from './db';
import { tickFrom, writerContext, type WriterContext } from './meta';
import { refreshDigests } from './digests';
import { HLC_MAX_DRIFT_MS, decodeHlc } from '../shared/hlc';
import type { Mutation } from '../shared/protocol';

const stampedAhead = (r: OutboxRow, now: number) => r.demo !== 1 && decodeHlc(r.mutation.hlc).wallMs > now + HLC_MAX_DRIFT_MS;

export async function restampFuture(now: number, retry: readonly number[] = []): Promise<number[]> {
  const tables = [db.outbox, db.households, db.persons, db.members, db.meta, db.visits, db.digests, db.householdFacts, db.hamletFacts];
  return db.transaction('rw', tables, async () => {
    // The status index is ordered by seq within one status.
    const rows = (await db.outbox.where('status').equals('rejected').toArray()).filter((r) => stampedAhead(r, now));
    if (rows.length === 0) return [];
    let ctx: WriterContext = await writerContext();
    const meta = new Map<string, MetaRow>();
    const redated = new Set<string>();
    for (const row of rows) {
      const { hlc, writes } = tickFrom(ctx, now);
      for (const w of writes) { ctx = { ...ctx, [w.key]: w.value }; meta.set(w.key, w); }
      let mutation = { ...(await asShownNow(row.mutation, hlc)), hlc } as Mutation;
      if (mutation.type === 'visit.create' && Date.parse(mutation.payload.at) > now + HLC_MAX_DRIFT_MS) {
        redated.add(mutation.payload.householdId);
        mutation = await datedNow(mutation, now);
      }
      const { reason: _refusal, ...rest } = row;
      await db.outbox.put({ ...rest, mutation, status: 'pending' });
    }
    await db.meta.bulkPut([...meta.values()]);
    if (redated.size) await refreshDigests(redated); // "last visit" on the list
    const restamped = new Set(rows.map((r) => r.seq!));
    const later = retry.filter((seq) => seq > rows[0]!.seq! && !restamped.has(seq));
    const again: number[] = [];
    for (const row of await db.outbox.bulkGet(later)) {
      if (!row || row.status !== 'rejected' || row.demo === 1) continue;
      const { reason: _refusal, ...rest } = row;
      await db.outbox.put({ ...rest, status: 'pending' });
      again.push(row.seq!);
    }
    return [...restamped, ...again];
  });
}

/** Current values of the fields an edit wrote (a field the local copy lacks keeps the edit's value). */
function currentFields(fields: Record<string, unknown>, local: Record<string, unknown>): Record<string, unknown> {
  return Object.fromEntries(Object.keys(fields).map((k) => [k, k in local ? local[k] : fields[k]]));
}

/**
 * A visit dated in the future (recorded under the wrong date) cannot have happened then, and would count in a report
 * of next year: it is dated now, the latest time it can have happened (the phone cannot know the real one), here and
 * in what is sent.
 */
async function datedNow(m: Extract<Mutation, { type: 'visit.create' }>, now: number): Promise<Mutation> {
  const at = new Date(now).toISOString();
  await db.visits.update(m.entityId, { at });
  return { ...m, payload: { ...m.payload, at } };
}

/** A household or person row as clock-repair reads it: fields by name, and the clock that wrote each. */
type LwwRow = Record<string, unknown> & { hlc: Record<string, string> };

/** The edit as it is re-sent; household and person fields it carries take the new stamp in the local copy. */
async function asShownNow(m: Mutation, hlc: string): Promise<Mutation> {
  if (m.type === 'household.put' || m.type === 'person.put') {
    const table = (m.type === 'household.put' ? db.households : db.persons) as unknown as Table<LwwRow, string>;
    const row = await table.get(m.entityId);
    if (!row) return m;
    const fields = currentFields(m.payload.fields, row);
    await table.put({ ...row, hlc: { ...row.hlc, ...Object.fromEntries(Object.keys(fields).map((k) => [k, hlc])) } });
    return { ...m, payload: { ...m.payload, fields } } as Mutation;
  }
  if (m.type === 'member.put') {
    const member = await db.members.get(m.entityId);
    return member ? { ...m, payload: { fields: currentFields(m.payload.fields, member) as typeof m.payload.fields } } : m;
  }
  return m;
}
