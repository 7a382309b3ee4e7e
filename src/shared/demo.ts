/**
 * The demo commune "Tam Quang" (marked `demo: true`): a pure, deterministic generator. The same options give the same
 * data byte for byte on the client, the server and in benchmarks — randomness comes only from a seeded PRNG, ids are
 * UUIDv7-shaped strings built from it, and time comes from `now` (a fixed default, never the clock).
 * Names are assembled from word lists: they are not real people.
 */
import { catalogue, type Outcome } from './catalogue';
import { encodeHlc } from './hlc';
import type { Commune, Hamlet, Household, Member, Person, Visit, VisitOutcome } from './schema';
import {
  ALLEY_HINTS, DEMO_FORMER_NAMES, DEMO_HAMLET_NAMES, FAMILY_NAMES, FEMALE_GIVEN, FEMALE_MIDDLE, HOUSEHOLD_NOTES,
  MALE_GIVEN, MALE_MIDDLE, VISIT_NOTES,
} from './demo-names';

export interface DemoOptions {
  seed?: number;
  households?: number;
  visitsPerHousehold?: number;
  /** "Today" for the demo (ms); visits fall in the 120 days before it. */
  now?: number;
}

export interface DemoCommune {
  commune: Commune;
  hamlets: Hamlet[];
  members: Member[];
  households: Household[];
  persons: Person[];
  visits: Visit[];
}

/** Default "today" of the demo: fixed so every process generates the same data. */
export const DEMO_NOW_MS = Date.UTC(2026, 10, 20, 3, 0, 0);
export const DEMO_HLC_NODE = 'demo';
const DAY_MS = 86_400_000;

/** sfc32: small, fast, good enough for demo data; the 32-bit seed is spread over the state with splitmix. */
export function createPrng(seed: number): () => number {
  let s = seed >>> 0;
  const split = () => {
    s = (s + 0x9e3779b9) | 0;
    let z = s;
    z = Math.imul(z ^ (z >>> 16), 0x85ebca6b);
    z = Math.imul(z ^ (z >>> 13), 0xc2b2ae35);
    return (z ^ (z >>> 16)) >>> 0;
  };
  let a = split(), b = split(), c = split(), d = split();
  return () => {
    a |= 0; b |= 0; c |= 0; d |= 0;
    const t = (((a + b) | 0) + d) | 0;
    d = (d + 1) | 0;
    a = b ^ (b >>> 9);
    b = (c + (c << 3)) | 0;
    c = (c << 21) | (c >>> 11);
    c = (c + t) | 0;
    return (t >>> 0) / 4294967296;
  };
}

class Dice {
  constructor(readonly next: () => number) {}
  int(min: number, max: number): number { return min + Math.floor(this.next() * (max - min + 1)); }
  chance(p: number): boolean { return this.next() < p; }
  pick<T>(list: readonly T[]): T { return list[Math.floor(this.next() * list.length)]!; }
  weighted<T>(pairs: readonly (readonly [T, number])[]): T {
    let r = this.next() * pairs.reduce((sum, [, w]) => sum + w, 0);
    for (const [value, w] of pairs) if ((r -= w) < 0) return value;
    return pairs[pairs.length - 1]![0];
  }
  /** UUIDv7 shape: 48-bit ms timestamp, version 7, variant 10, the rest from the PRNG. */
  uuid(ms: number): string {
    const time = Math.max(0, Math.floor(ms)).toString(16).padStart(12, '0').slice(-12);
    const hex = (n: number) => Math.floor(this.next() * 16 ** n).toString(16).padStart(n, '0');
    const variant = (8 + this.int(0, 3)).toString(16);
    return `${time.slice(0, 8)}-${time.slice(8)}-7${hex(3)}-${variant}${hex(3)}-${hex(6)}${hex(6)}`;
  }
}

const isoDate = (ms: number) => new Date(ms).toISOString().slice(0, 10);
type Sex = 'm' | 'f';
const fullName = (d: Dice, sex: Sex, family = d.pick(FAMILY_NAMES)) =>
  `${family} ${sex === 'm' ? d.pick(MALE_MIDDLE) : d.pick(FEMALE_MIDDLE)} ${sex === 'm' ? d.pick(MALE_GIVEN) : d.pick(FEMALE_GIVEN)}`;
const mobile = (d: Dice) => `0${d.pick(['9', '8', '3'])}${String(d.int(0, 99_999_999)).padStart(8, '0')}`;

function teamOf(d: Dice, communeId: string, hamlets: Hamlet[], now: number): Member[] {
  const member = (role: Member['role'], hamletIds: string[], sex: Sex): Member => ({
    id: d.uuid(now - 200 * DAY_MS + d.int(0, 30) * DAY_MS), communeId, name: fullName(d, sex), role, hamletIds,
    phone: d.chance(0.9) ? mobile(d) : null, joinedOn: isoDate(now - d.int(120, 400) * DAY_MS), leftOn: null,
    status: 'approved',
  });
  // The commune team: leader (Youth Union secretary), a deputy, and hamlet teams of a head and two or three members.
  const members = [member('commune_leader', [], 'm'), member('commune_deputy', [], 'f')];
  for (const h of hamlets) {
    members.push(member('hamlet_leader', [h.id], 'm'));
    const count = d.int(2, 3);
    for (let i = 0; i < count; i++) members.push(member('member', [h.id], d.chance(0.5) ? 'm' : 'f'));
  }
  members.push(member('collaborator', [hamlets[0]!.id], 'f'));
  return members;
}

const HOUSEHOLD_SIZES = [[1, 6], [2, 14], [3, 22], [4, 28], [5, 18], [6, 8], [7, 4]] as const;

function householdOf(d: Dice, communeId: string, hamlet: Hamlet, now: number): { household: Household; persons: Person[] } {
  const created = now - d.int(150, 200) * DAY_MS;
  const hlc = encodeHlc({ wallMs: created, counter: 0, node: DEMO_HLC_NODE });
  const id = d.uuid(created);
  const family = d.pick(FAMILY_NAMES);
  const headSex: Sex = d.chance(0.8) ? 'm' : 'f';
  const label = fullName(d, headSex, family);
  const year = new Date(now).getUTCFullYear();
  const headBorn = year - d.int(25, 85);
  const people: { name: string; born: number; sex: Sex }[] = [{ name: label, born: headBorn, sex: headSex }];
  const size = d.weighted(HOUSEHOLD_SIZES);
  for (let i = 1; i < size; i++) {
    const sex: Sex = i === 1 ? (headSex === 'm' ? 'f' : 'm') : d.chance(0.5) ? 'm' : 'f';
    const born = i === 1 ? headBorn + d.int(-5, 5) : i === size - 1 && d.chance(0.3) ? headBorn - d.int(20, 30) : headBorn + d.int(18, 40);
    people.push({ name: fullName(d, sex, i === 1 ? d.pick(FAMILY_NAMES) : family), born: Math.min(born, year), sex });
  }
  const persons: Person[] = people.map((p) => {
    const age = year - p.born;
    const hasSmartphone = age >= 12 && d.chance(age > 65 ? 0.25 : 0.75);
    const fields = { householdId: id, firstName: p.name.split(' ').pop()!, birthYear: d.chance(0.95) ? p.born : null, hasSmartphone, sortName: '' };
    return { id: d.uuid(created), ...fields, hlc: hlcOf(fields, hlc), conflicts: [] };
  });
  const fields = {
    hamletId: hamlet.id, label, houseNo: d.chance(0.6) ? String(d.int(1, 150)) : '', alley: d.pick(ALLEY_HINTS),
    phone: d.chance(0.7) ? mobile(d) : '',
    priority: {
      elderly: people.some((p) => year - p.born >= 70), vulnerable: d.chance(0.05), poor: d.chance(0.12),
      remote: d.chance(0.15), noSmartphone: !persons.some((p) => p.hasSmartphone),
    },
    producer: d.chance(0.2),
    consent: d.chance(0.92) ? { given: true, on: isoDate(created), by: label } : null,
    note: d.pick(HOUSEHOLD_NOTES),
  };
  return { household: { id, communeId, ...fields, hlc: hlcOf(fields, hlc), conflicts: [] }, persons };
}

function hlcOf(fields: object, hlc: string): Record<string, string> {
  return Object.fromEntries(Object.keys(fields).map((k) => [k, hlc]));
}

const OUTCOME_WEIGHTS: readonly (readonly [Outcome, number])[] = [
  ['had', 30], ['guided', 25], ['done', 25], ['needs_help', 10], ['not_needed', 7], ['declined', 3],
];

function visitOf(d: Dice, household: Household, persons: Person[], team: Member[], now: number): Visit {
  // Daytime in Vietnam (07:00–19:00, UTC+7) on one of the 120 days before today.
  const at = Math.floor(now / DAY_MS) * DAY_MS - d.int(1, 120) * DAY_MS + d.int(0, 12 * 3_600_000);
  const items = catalogue(1).filter((i) => i.onlyFor !== 'producer' || household.producer);
  const outcomes: VisitOutcome[] = [];
  const count = d.int(1, 4);
  for (let i = 0; i < count; i++) {
    const item = d.pick(items);
    const personId = item.scope === 'person' ? d.pick(persons).id : null;
    if (outcomes.some((o) => o.item === item.key && o.personId === personId)) continue;
    const outcome = d.weighted(OUTCOME_WEIGHTS);
    const details = item.details && (outcome === 'done' || outcome === 'had') ? [d.pick(item.details.options).key] : [];
    outcomes.push({ item: item.key, personId, outcome, details, other: details[0] === 'other' ? 'Ứng dụng khác' : '' });
  }
  const needsHelp = outcomes.some((o) => o.outcome === 'needs_help');
  return {
    id: d.uuid(at), householdId: household.id, hamletId: household.hamletId, memberId: d.pick(team).id,
    at: new Date(at).toISOString(), kind: d.weighted([['home', 80], ['group_session', 8], ['phone', 7], ['zalo', 5]] as const),
    outcomes, notes: d.pick(VISIT_NOTES), followUpOn: needsHelp ? isoDate(at + d.int(3, 21) * DAY_MS) : null,
    catalogueVersion: 1, amends: null,
  };
}

/** Generates the demo commune. Defaults: seed 1, 360 households (20 per hamlet), 2 visits per household on average. */
export function generateDemoCommune(opts: DemoOptions = {}): DemoCommune {
  const { seed = 1, households: householdCount = 360, visitsPerHousehold = 2, now = DEMO_NOW_MS } = opts;
  const d = new Dice(createPrng(seed));
  const commune: Commune = { id: d.uuid(now - 400 * DAY_MS), code: null, name: 'Tam Quang', province: 'Thanh Hóa', demo: true };
  const hamlets: Hamlet[] = DEMO_HAMLET_NAMES.map((name, order) => ({
    id: d.uuid(now - 400 * DAY_MS), communeId: commune.id, name, formerNames: DEMO_FORMER_NAMES[name] ?? [], order,
  }));
  const members = teamOf(d, commune.id, hamlets, now);
  const teams = new Map(hamlets.map((h) => [h.id, members.filter((m) => m.hamletIds.includes(h.id))]));
  const households: Household[] = [];
  const persons: Person[] = [];
  const personsOf: Person[][] = [];
  for (let i = 0; i < householdCount; i++) {
    // Hamlets differ in size: the first ones (near the commune centre) are larger.
    const hamlet = hamlets[i < hamlets.length ? i : Math.floor(d.next() ** 1.3 * hamlets.length)]!;
    const made = householdOf(d, commune.id, hamlet, now);
    households.push(made.household);
    persons.push(...made.persons);
    personsOf.push(made.persons);
  }
  // About 80 % of households have been reached; visits are spread over those.
  const reached = households.map((_, i) => i).filter(() => d.chance(0.8));
  const visits: Visit[] = [];
  const visitCount = reached.length === 0 ? 0 : Math.round(householdCount * visitsPerHousehold);
  for (let v = 0; v < visitCount; v++) {
    const index = reached[Math.floor(d.next() * reached.length)]!;
    const household = households[index]!;
    visits.push(visitOf(d, household, personsOf[index]!, teams.get(household.hamletId)!, now));
  }
  return { commune, hamlets, members, households, persons, visits };
}
