/**
 * Recording visits. A visit is an immutable fact: written once with its outbox entry, never edited
 * (a correction is a new visit with `amends`).
 */
import type { DigestRow, HouseholdRow, MetaRow, PersonRow, SummaryRow, FactsRow, VisitRow } from './db';
import { tickFrom, writerContextFrom, WRITER_KEYS } from './meta';
import { outboxRow } from './outbox';
import { factsRowOf, summaryRowOf, toDigestRow } from './digest-upgrade';
import { nativeWrite, request, type Written } from './native-tx';
import { validation, ValidationError, type FieldIssue } from './validation';
import type { VisitInput } from './visits';
import type { Visit } from '../shared/schema';
import type { Digest } from '../shared/digest';
import { CURRENT_CATALOGUE_VERSION } from '../shared/catalogue';
import { digestWithVisit } from '../shared/digest-visit';
import { uuidv7 } from '../shared/ids';

const STORES = ['households', 'persons', 'visits', 'outbox', 'drafts', 'meta', 'digests', 'householdFacts', 'hamletFacts'];
const gone = (): ValidationError => new ValidationError([{ path: 'householdId', message: 'Hộ này không còn trên máy' }]);

/**
 * Records a visit. Offline-safe: the visit, its outbox entry, the removal of the household's draft, the advanced
 * clock, the household's digest and the invalidation of its hamlet's facts bundle (D19) commit together or not at
 * all, in one strict-durability transaction; sync later sends the outbox entry, never the table row.
 * Shape (D-V1): one round of reads — the household, its digest, the ids of its visits (and of its people when the
 * visit names someone), the writer's meta — then one round of writes, then the commit. The new digest is the stored
 * one plus this visit (digestWithVisit), so the household's visit rows are not read; a digest that cannot be
 * extended exactly is rebuilt from the rows in a second round. A volunteer saves with the household watching, and
 * each IndexedDB round trip and each request costs on a cheap phone.
 */
export async function recordVisit(input: VisitInput, now: number = Date.now()): Promise<Visit> {
  if (typeof input?.householdId !== 'string' || !input.householdId) throw gone();
  const { schema, parseInto } = await validation();
  const householdId = input.householdId;
  const namesSomeone = Array.isArray(input.outcomes) && input.outcomes.some((o) => o?.personId != null);
  return nativeWrite(STORES, async (tx, written) => {
    const store = (name: string) => tx.objectStore(name);
    const [existing, household, summary, factsRow, metaRows, visitIds, personIds] = await Promise.all([
      typeof input.id === 'string' ? request<VisitRow | undefined>(store('visits').get(input.id)) : undefined,
      request<HouseholdRow | undefined>(store('households').get(householdId)),
      request<SummaryRow | undefined>(store('digests').get(householdId)),
      request<FactsRow | undefined>(store('householdFacts').get(householdId)),
      request<MetaRow[]>(store('meta').getAll(IDBKeyRange.bound(WRITER_KEYS.lower, WRITER_KEYS.upper))),
      request(store('visits').index('householdId').getAllKeys(householdId)) as Promise<string[]>,
      namesSomeone ? (request(store('persons').index('householdId').getAllKeys(householdId)) as Promise<string[]>) : undefined,
    ]);
    if (existing) return stripDemo(existing);
    if (!household) throw gone();
    const ctx = writerContextFrom(metaRows);
    const demo = household.demo === 1;
    const memberId = demo ? ctx.demo?.memberId : ctx.device?.member.id;
    if (!memberId) throw new ValidationError([{ path: '', message: 'Thiết bị chưa được đăng ký với tổ. Hãy nhập mã đăng ký trước.' }]);
    const issues: FieldIssue[] = [];
    const visit: Visit | undefined = parseInto(schema.Visit, {
      id: input.id ?? uuidv7(now), householdId, hamletId: household.hamletId, memberId,
      at: input.at ?? new Date(now).toISOString(), kind: input.kind, outcomes: input.outcomes, notes: input.notes,
      followUpOn: input.followUpOn, catalogueVersion: CURRENT_CATALOGUE_VERSION, amends: input.amends ?? null,
    }, '', issues);
    if (!visit) throw new ValidationError(issues);
    const row: VisitRow = demo ? { ...visit, demo: 1 } : visit;
    const stored = summary && factsRow && summary.hamletId === household.hamletId ? { ...summary, facts: factsRow.facts, demo: summary.demo === 1 } : undefined;
    const extended = stored && digestWithVisit(stored, visitIds, personIds, visit);
    const digest = extended ? digestRow(extended) : await rebuilt(tx, household, row);
    const { hlc, writes } = tickFrom(ctx, now);
    const outbox = outboxRow({ id: uuidv7(now), type: 'visit.create', entityId: visit.id, hlc, payload: visit }, householdId, demo, now);
    const summaryRow = summaryRowOf(digest);
    const facts = factsRowOf(digest);
    const [seq] = await Promise.all([
      request(store('outbox').add(outbox)) as Promise<number>,
      request(store('visits').add(row)),
      request(store('drafts').delete(householdId)),
      ...writes.map((w) => request(store('meta').put(w))),
      request(store('digests').put(summaryRow)),
      request(store('householdFacts').put(facts)),
      request(store('hamletFacts').delete(household.hamletId)),
    ]);
    written.push(
      { table: 'outbox', key: seq, value: outbox }, { table: 'visits', key: visit.id, value: row }, { table: 'drafts', key: householdId },
      ...writes.map((w): Written => ({ table: 'meta', key: w.key, value: w })),
      { table: 'digests', key: householdId, value: summaryRow }, { table: 'householdFacts', key: householdId, value: facts },
      { table: 'hamletFacts', key: household.hamletId },
    );
    return visit;
  });
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
