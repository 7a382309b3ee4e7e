/**
 * Recording visits. A visit is an immutable fact: written once with its outbox entry, never edited
 * (a correction is a new visit with `amends`).
 */
import type { DigestRow, HouseholdRow, PersonRow, VisitRow } from './db';
import { tickFrom, writerContextFrom } from './meta';
import { outboxRow } from './outbox';
import { factsRowOf, summaryRowOf, toDigestRow } from './digest-upgrade';
import { commitSoon, nativeWrite, request, type Written } from './native-tx';
import { validation, ValidationError, type FieldIssue } from './validation';
import { fingerprint, issueChecks, issueReads, SAVE_STORES, takePrepared, type SaveReads } from './visit-reads';
import type { VisitInput } from './visits';
import type { Visit } from '../shared/schema';
import type { Digest } from '../shared/digest';
import { CURRENT_CATALOGUE_VERSION } from '../shared/catalogue';
import { digestWithVisit } from '../shared/digest-visit';
import { uuidv7 } from '../shared/ids';

export { prepareVisit } from './visit-reads';

const gone = (): ValidationError => new ValidationError([{ path: 'householdId', message: 'Hộ này không còn trên máy' }]);
type Validation = Awaited<ReturnType<typeof validation>>;

/**
 * Records a visit. Offline-safe: the visit, its outbox entry, the removal of the household's draft, the advanced
 * clock, the household's digest and the invalidation of its hamlet's facts bundle (D19) commit together or not at
 * all, in one strict-durability transaction; sync later sends the outbox entry, never the table row.
 * Shape (D-V1, D-V3): the save needs the household, its digest, the ids of its visits (and of its people when the
 * visit names someone) and the writer's meta. When the visit form read them ahead (prepareVisit), the transaction
 * issues the same reads and all its writes at once and keeps the writes only if the reads equal the early ones
 * (optimistic: otherwise it aborts and saves the long way). The long way: one round of reads, then one round of
 * writes, then the commit. The new digest is the stored one plus this visit (digestWithVisit), so the household's
 * visit rows are not read; a digest that cannot be extended exactly is rebuilt from the rows. A volunteer saves with
 * the household watching, and each IndexedDB round trip costs on a cheap phone.
 */
export async function recordVisit(input: VisitInput, now: number = Date.now()): Promise<Visit> {
  if (typeof input?.householdId !== 'string' || !input.householdId) throw gone();
  const v = await validation();
  const householdId = input.householdId;
  const visitId = typeof input.id === 'string' ? input.id : undefined;
  const namesSomeone = Array.isArray(input.outcomes) && input.outcomes.some((o) => o?.personId != null);
  const early = await takePrepared(householdId, visitId);
  const quick = early && quickPlan(input, early, namesSomeone, now, v);
  if (quick) {
    const saved = await nativeWrite(SAVE_STORES, async (tx, written) => {
      const checks = issueChecks(tx, householdId, namesSomeone);
      const writes = issueWrites(tx, quick);
      writes.catch(() => undefined); // rejected only when the transaction fails, and then the long way takes over
      if ((await checks) !== fingerprint(early, namesSomeone)) {
        tx.abort();
        return undefined;
      }
      commitSoon(tx); // D-V4: the checks held and every write is issued
      written.push(...(await writes));
      return quick.visit;
    }).catch((e: unknown) => {
      // Aborted above (something changed), or the visit id is taken (a second tap): the long way decides.
      if ((e as DOMException)?.name === 'AbortError' || (e as DOMException)?.name === 'ConstraintError') return undefined;
      throw e;
    });
    if (saved) return saved;
  }
  return nativeWrite(SAVE_STORES, async (tx, written) => {
    const reads = await issueReads(tx, householdId, visitId, namesSomeone);
    if (reads.existing) return stripDemo(reads.existing);
    const p = plan(input, reads, now, v);
    const digest = p.digest ?? (await rebuilt(tx, p.household, p.row));
    const writes = issueWrites(tx, { ...p, digest });
    commitSoon(tx);
    written.push(...(await writes));
    return p.visit;
  });
}

interface Plan { visit: Visit; row: VisitRow; household: HouseholdRow; digest?: DigestRow; hlc: string; meta: ReturnType<typeof tickFrom>['writes']; now: number }

/** The save decided from its reads, before any write: the visit (validated), the clock and the extended digest. */
function plan(input: VisitInput, reads: SaveReads, now: number, { schema, parseInto }: Validation): Plan {
  const { household, summary, factsRow } = reads;
  if (!household) throw gone();
  const ctx = writerContextFrom(reads.metaRows);
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
  const row: VisitRow = demo ? { ...visit, demo: 1 } : visit;
  const stored = summary && factsRow && summary.hamletId === household.hamletId ? { ...summary, facts: factsRow.facts, demo: summary.demo === 1 } : undefined;
  const extended = stored && digestWithVisit(stored, reads.visitIds, reads.personIds, visit);
  const { hlc, writes } = tickFrom(ctx, now);
  return { visit, row, household, digest: extended ? digestRow(extended) : undefined, hlc, meta: writes, now };
}

/** The plan from the early reads, when the quick path can take it (else the long way decides, and reports errors). */
function quickPlan(input: VisitInput, early: SaveReads, namesSomeone: boolean, now: number, v: Validation): (Plan & { digest: DigestRow }) | undefined {
  if (early.existing) return undefined;
  try {
    // The people's ids only when the visit names someone, as the long way reads them (the same digest either way).
    const p = plan(input, namesSomeone ? early : { ...early, personIds: undefined }, now, v);
    return p.digest ? { ...p, digest: p.digest } : undefined;
  } catch {
    return undefined;
  }
}

/** Issues every write of the save at once; resolves with what live queries are told. */
async function issueWrites(tx: IDBTransaction, p: Plan & { digest: DigestRow }): Promise<Written[]> {
  const store = (name: string) => tx.objectStore(name);
  const { visit, row, household, digest } = p;
  const outbox = outboxRow({ id: uuidv7(p.now), type: 'visit.create', entityId: visit.id, hlc: p.hlc, payload: visit }, household.id, household.demo === 1, p.now);
  const summaryRow = summaryRowOf(digest);
  const facts = factsRowOf(digest);
  const [seq] = await Promise.all([
    request(store('outbox').add(outbox)) as Promise<number>,
    request(store('visits').add(row)),
    request(store('drafts').delete(household.id)),
    ...p.meta.map((w) => request(store('meta').put(w))),
    request(store('digests').put(summaryRow)),
    request(store('householdFacts').put(facts)),
    request(store('hamletFacts').delete(household.hamletId)),
  ]);
  return [
    { table: 'outbox', key: seq, value: outbox }, { table: 'visits', key: visit.id, value: row }, { table: 'drafts', key: household.id },
    ...p.meta.map((w): Written => ({ table: 'meta', key: w.key, value: w })),
    { table: 'digests', key: household.id, value: summaryRow }, { table: 'householdFacts', key: household.id, value: facts },
    { table: 'hamletFacts', key: household.hamletId },
  ];
}

/** The household's digest rebuilt from its rows, with the new visit (the stored one was missing or out of step). */
async function rebuilt(tx: IDBTransaction, household: HouseholdRow, row: VisitRow): Promise<DigestRow> {
  const [persons, visits] = await Promise.all([
    request<PersonRow[]>(tx.objectStore('persons').index('householdId').getAll(household.id)),
    request<VisitRow[]>(tx.objectStore('visits').index('householdId').getAll(household.id)),
  ]);
  return toDigestRow(household, persons, [...visits, row]);
}

function digestRow({ demo, ...digest }: Digest): DigestRow {
  return demo ? { ...digest, demo: 1 } : digest;
}

function stripDemo(row: VisitRow): Visit {
  const { demo: _demo, ...visit } = row;
  return visit;
}
