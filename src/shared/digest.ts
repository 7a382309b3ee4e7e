/**
 * A household's digest: what the hamlet list shows (its HouseholdSummary) and the compact facts the report figures
 * read (people's ages and smartphones, every visit's outcomes), derived from the household, its people and its
 * visits. The phone keeps one digest per household, rewritten in the same transaction as every change to them, so
 * the list reads ~500 small rows instead of every visit of the hamlet, and the dashboard reads 5,000 rows instead of
 * 75,000 (D19). Pure: the data layer stores it, tests compare it with the figures computed from the full rows.
 */
import type { Household, Person, Visit, VisitOutcome } from './schema';
import type { HouseholdRow as ReportHousehold, PersonRow as ReportPerson, VisitRow as ReportVisit } from './report/counts';
import { nextFollowUp } from './state';
import { searchText, type HouseholdSummary } from './search';

/** Bumped when the facts encoding changes; a digest of another version is rebuilt from the rows. */
export const DIGEST_VERSION = 1;

type PersonLike = Pick<Person, 'id' | 'firstName' | 'birthYear' | 'hasSmartphone'>;
type VisitLike = Pick<Visit, 'id' | 'memberId' | 'at' | 'outcomes' | 'followUpOn' | 'amends'>;

/** [id, birthYear, hasSmartphone ? 1 : 0] */
type PersonFact = [string, number | null, 0 | 1];
/** [item, personId, outcome, details, other] */
type OutcomeFact = [string, string | null, VisitOutcome['outcome'], string[], string];
/** [id, memberId, at, followUpOn, amends, outcomes] */
type VisitFact = [string, string, string, string | null, string | null, OutcomeFact[]];

export interface Digest extends HouseholdSummary {
  /** DIGEST_VERSION of `facts`. */
  v: number;
  /** JSON of { p: PersonFact[], v: VisitFact[] }: one string per household deserialises far faster than objects. */
  facts: string;
}

/** The report's view of one household, decoded from its digest. */
export interface DigestFacts {
  household: ReportHousehold & { label: string };
  persons: ReportPerson[];
  visits: ReportVisit[];
}

const byId = (a: { id: string }, b: { id: string }) => (a.id < b.id ? -1 : a.id > b.id ? 1 : 0);

/** Canonical: people and visits in id order, so the same rows always give the same digest, whatever order they came in. */
export function buildDigest(h: Household, unorderedPersons: readonly PersonLike[], unorderedVisits: readonly VisitLike[], demo: boolean): Digest {
  const persons = [...unorderedPersons].sort(byId);
  const visits = [...unorderedVisits].sort(byId);
  let last: string | null = null;
  let lastMs = -Infinity;
  for (const v of visits) {
    const ms = Date.parse(v.at);
    if (last === null || ms > lastMs) { last = v.at; lastMs = ms; }
  }
  const facts = {
    p: persons.map((p): PersonFact => [p.id, p.birthYear, p.hasSmartphone ? 1 : 0]),
    v: visits.map((v): VisitFact => [v.id, v.memberId, v.at, v.followUpOn, v.amends,
      v.outcomes.map((o): OutcomeFact => [o.item, o.personId, o.outcome, o.details, o.other])]),
  };
  return {
    id: h.id, hamletId: h.hamletId, label: h.label, houseNo: h.houseNo, alley: h.alley, phone: h.phone,
    priority: h.priority, producer: h.producer, personsCount: persons.length, visitedEver: visits.length > 0,
    lastVisitAt: last, nextFollowUp: visits.length ? nextFollowUp(visits) : null, hasConflicts: h.conflicts.length > 0,
    demo, searchText: searchText(h, persons.map((p) => p.firstName)), v: DIGEST_VERSION, facts: JSON.stringify(facts),
  };
}

/** The list's summary: the digest without its facts. */
export function summaryOf(d: Digest): HouseholdSummary {
  const { v: _v, facts: _facts, ...summary } = d;
  return summary;
}

export function decodeFacts(d: Pick<Digest, 'id' | 'hamletId' | 'priority' | 'label' | 'facts'>): DigestFacts {
  const f = JSON.parse(d.facts) as { p: PersonFact[]; v: VisitFact[] };
  const householdId = d.id;
  return {
    household: { id: d.id, hamletId: d.hamletId, priority: d.priority, label: d.label },
    persons: f.p.map(([id, birthYear, smart]) => ({ id, householdId, birthYear, hasSmartphone: smart === 1 })),
    visits: f.v.map(([id, memberId, at, followUpOn, amends, outcomes]) => ({
      id, householdId, memberId, at, followUpOn, amends,
      outcomes: outcomes.map(([item, personId, outcome, details, other]) => ({ item, personId, outcome, details, other })),
    })),
  };
}
