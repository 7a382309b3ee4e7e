/**
 * What saving a visit reads, and reading it early (D-V3). The visit form opens minutes before the volunteer taps
 * "Lưu"; `prepareVisit` reads then what the save will need, so the save itself can issue its checks and its writes in
 * one go instead of waiting for a round of reads first. The early read is only a guess: the save re-reads the same
 * rows in its own transaction and keeps its writes only if nothing changed (see recordVisit), so another tab, the
 * sync worker or a household edit in between costs a second try, never a wrong digest or clock.
 */
import type { HouseholdRow, MetaRow, SummaryRow, FactsRow, VisitRow } from './db';
import { db } from './db';
import { WRITER_KEYS } from './meta';
import { request } from './native-tx';
import { validation } from './validation';

/** Everything a save decides from: the rows as they are in IndexedDB at one moment. */
export interface SaveReads {
  existing?: VisitRow;
  household?: HouseholdRow;
  summary?: SummaryRow;
  factsRow?: FactsRow;
  metaRows: MetaRow[];
  /** The household's visit ids in id order (index keys come sorted). */
  visitIds: string[];
  /** The household's people ids in id order; read only when the visit names someone (or when preparing). */
  personIds?: string[];
}

export const SAVE_STORES = ['households', 'persons', 'visits', 'outbox', 'drafts', 'meta', 'digests', 'householdFacts', 'hamletFacts'];

/** Issues a save's reads on `tx`, all at once (one round trip). */
export function issueReads(tx: IDBTransaction, householdId: string, visitId: string | undefined, withPersons: boolean): Promise<SaveReads> {
  const store = (name: string) => tx.objectStore(name);
  return Promise.all([
    visitId === undefined ? undefined : request<VisitRow | undefined>(store('visits').get(visitId)),
    request<HouseholdRow | undefined>(store('households').get(householdId)),
    request(store('visits').index('householdId').getAllKeys(householdId)) as Promise<string[]>,
    checkedReads(tx, householdId, withPersons),
  ]).then(([existing, household, visitIds, checked]) => ({ existing, household, visitIds, ...checked }));
}

/**
 * What the quick save re-reads to confirm the early read still holds: the digest (summary and facts), the writer's
 * meta and, when the visit names someone, the people's ids. The digest stands for the household's rows: every writer
 * of a household, its people or its visits rewrites or deletes its digest in the same transaction (D19,
 * refreshDigests), so an unchanged digest means unchanged rows. A visit id already taken is caught by the visit's
 * `add` itself (the transaction fails and the long way answers with the stored visit).
 */
export function issueChecks(tx: IDBTransaction, householdId: string, withPersons: boolean): Promise<string> {
  return checkedReads(tx, householdId, withPersons).then((checked) => fingerprint(checked, withPersons));
}

type Checked = Pick<SaveReads, 'summary' | 'factsRow' | 'metaRows' | 'personIds'>;

/** The reads issueChecks compares; every save's reads include them. */
function checkedReads(tx: IDBTransaction, householdId: string, withPersons: boolean): Promise<Checked> {
  const store = (name: string) => tx.objectStore(name);
  return Promise.all([
    request<SummaryRow | undefined>(store('digests').get(householdId)),
    request<FactsRow | undefined>(store('householdFacts').get(householdId)),
    request<MetaRow[]>(store('meta').getAll(IDBKeyRange.bound(WRITER_KEYS.lower, WRITER_KEYS.upper))),
    withPersons ? (request(store('persons').index('householdId').getAllKeys(householdId)) as Promise<string[]>) : undefined,
  ]).then(([summary, factsRow, metaRows, personIds]) => ({ summary, factsRow, metaRows, personIds }));
}

/**
 * Two reads agree on what the quick save checks when this is equal. Rows come back from IndexedDB with their
 * properties in stored order, so the same stored row gives the same text; a few kilobytes, tens of microseconds.
 */
export function fingerprint(r: Checked, withPersons: boolean): string {
  return JSON.stringify([r.summary ?? null, r.factsRow ?? null, r.metaRows, withPersons ? r.personIds ?? null : 0]);
}

interface Prepared { householdId: string; visitId: string | undefined; reads: Promise<SaveReads | undefined> }
let prepared: Prepared | undefined;

/**
 * Reads ahead what saving a visit to this household will need (call when the visit form opens; `visitId` = the
 * draft's id). Never fails: a read that cannot be made leaves the save to read for itself.
 */
export function prepareVisit(householdId: string, visitId?: string): Promise<void> {
  const reads = (async () => {
    if (!db.isOpen()) await db.open();
    const tx = db.backendDB().transaction(SAVE_STORES, 'readonly');
    return issueReads(tx, householdId, visitId, true);
  })().catch(() => undefined);
  prepared = { householdId, visitId, reads };
  void validation().catch(() => undefined); // the schemas and their Vietnamese messages, loaded before the tap too
  return reads.then(() => undefined);
}

/** The early read for this save, if one was made for the same household and visit id; used once. */
export async function takePrepared(householdId: string, visitId: string | undefined): Promise<SaveReads | undefined> {
  const p = prepared;
  prepared = undefined;
  if (!p || p.householdId !== householdId || p.visitId !== visitId) return undefined;
  return p.reads;
}
