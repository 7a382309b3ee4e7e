/**
 * The one IndexedDB database of the app. Only src/data touches Dexie.
 * Every schema version ever shipped stays here, in order; upgrades are explicit.
 * Strict durability: a visit the volunteer saw "saved" must survive a battery pull (Chrome's default is relaxed).
 */
import { DB_NAME } from './first-paint';
import Dexie, { type Table } from 'dexie';
import type { Commune, Hamlet, Household, Member, Person, Report, TeamEvent, Visit } from '../shared/schema';
import type { Mutation } from '../shared/protocol';
import type { VisitInput } from './visits';
import type { Digest } from '../shared/digest';
import type { HamletColumns } from '../shared/hamlet-columns';
import { rebuildAllDigests } from './digest-upgrade';

/** Demo rows carry `demo: 1` (IndexedDB cannot index booleans) so they can be removed without touching real data. */
export type DemoFlag = { demo?: 1 };
/** Communes carry their own `demo: boolean`; the local demo commune is found through meta 'demo'. */
export type CommuneRow = Commune;
export type HamletRow = Hamlet & DemoFlag;
export type MemberRow = Member & DemoFlag;
export type HouseholdRow = Household & DemoFlag;
export type PersonRow = Person & DemoFlag;
export type VisitRow = Visit & DemoFlag;

export type OutboxStatus = 'pending' | 'conflict' | 'rejected';
/** One queued mutation. Only acknowledged ones (accepted/duplicate) are deleted; the others stay with the reason. */
export interface OutboxRow extends DemoFlag {
  seq?: number;
  mutationId: string;
  entityId: string;
  /** The household the mutation concerns (for removal and for display). */
  householdId: string | null;
  mutation: Mutation;
  status: OutboxStatus;
  reason?: string;
  createdAt: string;
}

/** A visit being typed; kept in IndexedDB so it survives the phone locking and the app being killed. */
export interface DraftRow extends VisitInput {
  updatedAt: string;
}

/** A household's digest (list summary + report facts, see src/shared/digest.ts); `demo` as a flag like every row. */
export type DigestRow = Omit<Digest, 'demo'> & DemoFlag;
/** How a digest is stored: the list's part (read ~500 at a time at start-up, so kept small)… */
export type SummaryRow = Omit<DigestRow, 'facts'>;
/** …and the reports' part, read per hamlet when a facts bundle is rebuilt. */
export type FactsRow = Pick<DigestRow, 'id' | 'hamletId' | 'label' | 'priority' | 'facts' | 'demo'>;
/**
 * A hamlet's facts bundle (src/shared/hamlet-facts.ts): a cache over its digests, deleted by every write there.
 * Columns since D-R4 (BUNDLE_VERSION); a row of an older version (a JSON string) is rebuilt when next read.
 * No schema version: the table's only index is its key, and a cache needs no data migration.
 */
export interface HamletFactsRow { hamletId: string; v: number; bundle: HamletColumns | string }

export interface MetaRow {
  key: string;
  value: unknown;
}

export class TungNhaDb extends Dexie {
  meta!: Table<MetaRow, string>;
  communes!: Table<CommuneRow, string>;
  hamlets!: Table<HamletRow, string>;
  members!: Table<MemberRow, string>;
  households!: Table<HouseholdRow, string>;
  persons!: Table<PersonRow, string>;
  visits!: Table<VisitRow, string>;
  events!: Table<TeamEvent & DemoFlag, string>;
  reports!: Table<Report & DemoFlag, string>;
  drafts!: Table<DraftRow, string>;
  outbox!: Table<OutboxRow, number>;
  digests!: Table<SummaryRow, string>;
  householdFacts!: Table<FactsRow, string>;
  hamletFacts!: Table<HamletFactsRow, string>;

  constructor(name = DB_NAME) {
    super(name, { chromeTransactionDurability: 'strict' });
    this.version(1).stores({
      meta: 'key',
      communes: 'id',
      hamlets: 'id, communeId, demo',
      members: 'id, communeId, demo',
      households: 'id, hamletId, demo',
      persons: 'id, householdId, demo',
      visits: 'id, householdId, hamletId, at, demo',
      events: 'id, on, demo',
      reports: 'id, submittedAt, demo',
      drafts: 'householdId',
      outbox: '++seq, &mutationId, status, householdId, demo',
    });
    // v2: one digest per household, written with every change to it, and per-hamlet facts bundles built from them
    // on demand (D19). Visits lose their hamletId and at indexes: nothing reads by them since the list reads digests,
    // and every index is one more write per visit saved or pulled. Digests are built once from the rows on upgrade;
    // bundles when the dashboard first needs them.
    this.version(2).stores({ visits: 'id, householdId, demo', digests: 'id, hamletId, demo', householdFacts: 'id, hamletId, demo', hamletFacts: 'hamletId' }).upgrade((tx) => rebuildAllDigests(tx));
    // v3 (D-V2): indexes nothing reads, each one more entry to write with every visit saved. The outbox's unique
    // mutationId (ids are fresh uuidv7s; the server dedupes by id); the demo flag of visits, digests and household
    // facts (removeDemo finds those through the demo households, whose ids they carry). No data changes.
    this.version(3).stores({ outbox: '++seq, status, householdId, demo', visits: 'id, householdId', digests: 'id, hamletId', householdFacts: 'id, hamletId' });
  }
}

/** The open database. `let` so tests can simulate several phones in one process (see useDatabase). */
export let db = new TungNhaDb();

/**
 * Switches the data layer to another database (closing the current one). Used by tests to play several devices;
 * the app itself never calls it. Every repository reads `db` at call time, so the switch applies to all of them.
 */
export function useDatabase(name: string): TungNhaDb {
  if (db.name !== name) {
    db.close();
    db = new TungNhaDb(name);
  }
  return db;
}
