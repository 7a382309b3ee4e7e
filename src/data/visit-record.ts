/**
 * Recording visits. A visit is an immutable fact: written once with its outbox entry, never edited
 * (a correction is a new visit with `amends`).
 */
import { db, type VisitRow } from './db';
import { tickFrom, writerContext } from './meta';
import { outboxRow } from './outbox';
import { putDigests, toDigestRow } from './digest-upgrade';
import { validation, ValidationError, type FieldIssue } from './validation';
import type { VisitInput } from './visits';
import type { Visit } from '../shared/schema';
import { CURRENT_CATALOGUE_VERSION } from '../shared/catalogue';
import { uuidv7 } from '../shared/ids';

/**
 * Records a visit. Offline-safe: the visit, its outbox entry, the removal of the household's draft, the advanced
 * clock, the household's digest and the invalidation of its hamlet's facts bundle (D19) commit together or not at
 * all; sync later sends the outbox entry, never the table row. Shape: every read in one round of requests, then every write in one, then the strict commit — a
 * volunteer saves with the household watching, and each IndexedDB round trip costs on a cheap phone.
 */
export async function recordVisit(input: VisitInput, now: number = Date.now()): Promise<Visit> {
  const { schema, parseInto } = await validation();
  return db.transaction('rw', [db.households, db.persons, db.visits, db.outbox, db.drafts, db.meta, db.digests, db.householdFacts, db.hamletFacts], async () => {
    const [existing, household, ctx, persons, visits] = await Promise.all([
      input.id ? db.visits.get(input.id) : undefined,
      db.households.get(input.householdId),
      writerContext(),
      db.persons.where('householdId').equals(input.householdId).toArray(),
      db.visits.where('householdId').equals(input.householdId).toArray(),
    ]);
    if (existing) return stripDemo(existing);
    if (!household) throw new ValidationError([{ path: 'householdId', message: 'Hộ này không còn trên máy' }]);
    const demo = household.demo === 1;
    const memberId = demo ? ctx.demo?.memberId : ctx.device?.member.id;
    if (!memberId) throw new ValidationError([{ path: '', message: 'Thiết bị chưa được đăng ký với tổ. Hãy nhập mã đăng ký trước.' }]);
    const issues: FieldIssue[] = [];
    const visit: Visit | undefined = parseInto(schema.Visit, {
      id: input.id ?? uuidv7(now), householdId: household.id, hamletId: household.hamletId, memberId,
      at: input.at ?? new Date(now).toISOString(), kind: input.kind, outcomes: input.outcomes, notes: input.notes,
      followUpOn: input.followUpOn, catalogueVersion: CURRENT_CATALOGUE_VERSION, amends: input.amends ?? null,
    }, '', issues);
    if (!visit) throw new ValidationError(issues);
    const { hlc, writes } = tickFrom(ctx, now);
    const row: VisitRow = demo ? { ...visit, demo: 1 } : visit;
    await Promise.all([
      db.visits.add(row),
      db.outbox.add(outboxRow({ id: uuidv7(now), type: 'visit.create', entityId: visit.id, hlc, payload: visit }, household.id, demo, now)),
      db.drafts.delete(household.id),
      db.meta.bulkPut(writes),
      putDigests(db.digests, db.householdFacts, [toDigestRow(household, persons, [...visits, row])]),
      db.hamletFacts.delete(household.hamletId),
    ]);
    return visit;
  });
}

function stripDemo(row: VisitRow): Visit {
  const { demo: _demo, ...visit } = row;
  return visit;
}
