/**
 * A household's digest: what the hamlet list shows (its HouseholdSummary) and the compact facts the report figures
 * read (people's ages and smartphones, every visit's outcomes), derived from the household, its people and its
 * visits. The phone keeps one digest per household, rewritten in the same transaction as every change to them (D19),
 * and one facts bundle per hamlet built from the digests (hamlet-facts.ts), so the list reads ~500 small rows and the
 * dashboard ~18, instead of every visit. Pure: the data layer stores these; tests compare them with the full rows.
 *
 * Facts carry exactly what the figures read and nothing else (no notes, no free text), in ASCII-only JSON: IndexedDB
 * stores a string with any non-Latin-1 character as UTF-16, at twice the size.
 */
import type { Household, Person, Visit } from './schema';
import type { HouseholdRow as ReportHousehold, PersonRow as ReportPerson, VisitRow as ReportVisit } from './report/counts';
import { ITEM_KEYS, OUTCOMES, type Outcome } from './catalogue';
import { latestVisitAt, nextFollowUp } from './state';
import { searchText, type HouseholdSummary } from './search';

/** Bumped when the facts encoding changes; a digest of another version is rebuilt from the rows. */
export const DIGEST_VERSION = 2;

type PersonLike = Pick<Person, 'id' | 'firstName' | 'birthYear' | 'hasSmartphone'>;
export type VisitLike = Pick<Visit, 'id' | 'memberId' | 'at' | 'outcomes' | 'followUpOn' | 'amends'>;

/** Person reference in an outcome: index in `p`, null = household-scope, -1 = not (or no longer) in the household. */
type PersonRef = number | null;
/** [item index in ITEM_KEYS (or the key itself if unknown), person, outcome index in OUTCOMES, details] */
type OutcomeFact = [number | string, PersonRef, number, string[]];
/** [at, member index in `m`, followUpOn, amends: visit index in `v` | original id if not on the phone | null, outcomes] */
type VisitFact = [string, number, string | null, number | string | null, OutcomeFact[]];
export interface Facts {
  /** Member ids of this household's visits. */
  m: string[];
  /** People in id order: [birthYear, hasSmartphone ? 1 : 0]. */
  p: [number | null, 0 | 1][];
  /** Visits in id order. */
  v: VisitFact[];
}

export interface Digest extends HouseholdSummary {
  /** DIGEST_VERSION of `facts`. */
  v: number;
  /** JSON of Facts (ASCII only). */
  facts: string;
}

/** The report's view of one household, decoded from its digest. */
export interface DigestFacts {
  household: ReportHousehold & { label: string };
  persons: ReportPerson[];
  visits: ReportVisit[];
}

const byId = (a: { id: string }, b: { id: string }) => (a.id < b.id ? -1 : a.id > b.id ? 1 : 0);
const ITEM_INDEX = new Map(ITEM_KEYS.map((k, i) => [k, i]));
const OUTCOME_INDEX = new Map<string, number>(OUTCOMES.map((o, i) => [o, i]));

/** JSON with every non-ASCII character escaped (\uXXXX), so the string stays one byte per character. */
export const asciiJson = (value: unknown): string =>
  JSON.stringify(value).replace(/[\u0080-\uffff]/g, (c) => `\\u${c.charCodeAt(0).toString(16).padStart(4, '0')}`);

export function encodeFacts(persons: readonly Pick<Person, 'id' | 'birthYear' | 'hasSmartphone'>[], visits: readonly VisitLike[]): Facts {
  const personIndex = new Map(persons.map((p, i) => [p.id, i]));
  const visitIndex = new Map(visits.map((v, i) => [v.id, i]));
  const members: string[] = [];
  const memberIndex = new Map<string, number>();
  const member = (id: string) => {
    let i = memberIndex.get(id);
    if (i === undefined) { memberIndex.set(id, (i = members.length)); members.push(id); }
    return i;
  };
  return {
    m: members,
    p: persons.map((p) => [p.birthYear, p.hasSmartphone ? 1 : 0]),
    v: visits.map((v): VisitFact => [v.at, member(v.memberId), v.followUpOn, v.amends === null ? null : (visitIndex.get(v.amends) ?? v.amends),
      v.outcomes.map((o): OutcomeFact => [ITEM_INDEX.get(o.item) ?? o.item, o.personId === null ? null : (personIndex.get(o.personId) ?? -1),
        OUTCOME_INDEX.get(o.outcome)!, o.details])]),
  };
}

/** What a digest derives from the visits (and the people they name), given people and visits already in id order. */
export type VisitPart = Pick<Digest, 'visitedEver' | 'lastVisitAt' | 'nextFollowUp' | 'v' | 'facts'>;
export function visitPart(persons: readonly Pick<Person, 'id' | 'birthYear' | 'hasSmartphone'>[], visits: readonly VisitLike[]): VisitPart {
  return {
    visitedEver: visits.length > 0, lastVisitAt: latestVisitAt(visits), nextFollowUp: visits.length ? nextFollowUp(visits) : null,
    v: DIGEST_VERSION, facts: asciiJson(encodeFacts(persons, visits)),
  };
}

/** Canonical: people and visits in id order, so the same rows always give the same digest, whatever order they came in. */
export function buildDigest(h: Household, unorderedPersons: readonly PersonLike[], unorderedVisits: readonly VisitLike[], demo: boolean): Digest {
  const persons = [...unorderedPersons].sort(byId);
  const visits = [...unorderedVisits].sort(byId);
  const part = visitPart(persons, visits);
  return {
    id: h.id, hamletId: h.hamletId, label: h.label, houseNo: h.houseNo, alley: h.alley, phone: h.phone,
    priority: h.priority, producer: h.producer, personsCount: persons.length, visitedEver: part.visitedEver,
    lastVisitAt: part.lastVisitAt, nextFollowUp: part.nextFollowUp, hasConflicts: h.conflicts.length > 0,
    demo, searchText: searchText(h, persons.map((p) => p.firstName)), v: part.v, facts: part.facts,
  };
}

/** The list's summary: the digest without its facts. */
export function summaryOf(d: Digest): HouseholdSummary {
  const { v: _v, facts: _facts, ...summary } = d;
  return summary;
}

/**
 * Back to the rows the figures read. Ids are stand-ins that keep what the figures use of them: people and visits
 * are distinct within the household, visits keep their id order (the tie-break after time), amendments point at
 * the visit they amend, and an outcome for someone no longer in the household matches nobody.
 */
export function decodeFacts(h: ReportHousehold & { label: string }, f: Facts): DigestFacts {
  const householdId = h.id;
  // Stand-in ids built once per person and visit (50,000 visits decode per dashboard open: no per-outcome strings).
  const pids = f.p.map((_, i) => `${householdId}/p${i}`);
  const gone = `${householdId}/gone`;
  const vids = f.v.map((_, i) => `${householdId}/v${String(i).padStart(6, '0')}`);
  const persons: ReportPerson[] = new Array(f.p.length);
  for (let i = 0; i < f.p.length; i++) {
    const [birthYear, smart] = f.p[i]!;
    persons[i] = { id: pids[i]!, householdId, birthYear, hasSmartphone: smart === 1 };
  }
  const visits: ReportVisit[] = new Array(f.v.length);
  for (let i = 0; i < f.v.length; i++) {
    const [at, m, followUpOn, amends, facts] = f.v[i]!;
    const outcomes: ReportVisit['outcomes'] = new Array(facts.length);
    for (let j = 0; j < facts.length; j++) {
      const [item, p, o, details] = facts[j]!;
      outcomes[j] = {
        item: typeof item === 'number' ? ITEM_KEYS[item]! : item, personId: p === null ? null : p < 0 ? gone : pids[p]!,
        outcome: OUTCOMES[o] as Outcome, details, other: '',
      };
    }
    visits[i] = { id: vids[i]!, householdId, memberId: f.m[m]!, at, followUpOn, amends: typeof amends === 'number' ? vids[amends]! : amends, outcomes };
  }
  return { household: h, persons, visits };
}
