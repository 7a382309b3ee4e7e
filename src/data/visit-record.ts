/**
 * Recording visits. A visit is an immutable fact: written once with its outbox entry, never edited
 * (a correction is a new visit with `amends`).
 */
import { db, type VisitRow } from './db';
import { getMeta, nextHlc, type DemoIdentity, type Device } from './meta';
import { outboxRow } from './outbox';
import { refreshDigests } from './digests';
import { validation, ValidationError, type FieldIssue } from './validation';
import type { VisitInput } from './visits';
import type { Visit } from '../shared/schema';
import { CURRENT_CATALOGUE_VERSION } from '../shared/catalogue';
import { uuidv7 } from '../shared/ids';

/**
 * Records a visit. Offline-safe: the visit, its outbox entry and the removal of the household's draft commit
 * together or not at all; sync later sends the outbox entry, never the table row.
 */
export async function recordVisit(input: VisitInput, now: number = Date.now()): Promise<Visit> {
  const { schema, parseInto } = await validation();
  return db.transaction('rw', [db.households, db.persons, db.visits, db.outbox, db.drafts, db.meta, db.digests], async () => {
    if (input.id) {
      const existing = await db.visits.get(input.id);
      if (existing) return stripDemo(existing);
    }
    const household = await db.households.get(input.householdId);
    if (!household) throw new ValidationError([{ path: 'householdId', message: 'Hộ này không còn trên máy' }]);
    const demo = household.demo === 1;
    const memberId = demo ? (await getMeta<DemoIdentity>('demo'))?.memberId : (await getMeta<Device>('device'))?.member.id;
    if (!memberId) throw new ValidationError([{ path: '', message: 'Thiết bị chưa được đăng ký với tổ. Hãy nhập mã đăng ký trước.' }]);
    const issues: FieldIssue[] = [];
    const visit: Visit | undefined = parseInto(schema.Visit, {
      id: input.id ?? uuidv7(now), householdId: household.id, hamletId: household.hamletId, memberId,
      at: input.at ?? new Date(now).toISOString(), kind: input.kind, outcomes: input.outcomes, notes: input.notes,
      followUpOn: input.followUpOn, catalogueVersion: CURRENT_CATALOGUE_VERSION, amends: input.amends ?? null,
    }, '', issues);
    if (!visit) throw new ValidationError(issues);
    const hlc = await nextHlc(now);
    await db.visits.add(demo ? { ...visit, demo: 1 } : visit);
    await db.outbox.add(outboxRow({ id: uuidv7(now), type: 'visit.create', entityId: visit.id, hlc, payload: visit }, household.id, demo, now));
    await db.drafts.delete(household.id);
    await refreshDigests([household.id]);
    return visit;
  });
}

function stripDemo(row: VisitRow): Visit {
  const { demo: _demo, ...visit } = row;
  return visit;
}
