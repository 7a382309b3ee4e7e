/**
 * Columnar facts bundles (D-R4) must give the figures exactly what the JSON facts give: the merged columns equal
 * prepareVisits over the decoded rows (decodeFacts), array by array, and the dashboard from columns equals the one
 * from the full rows — on an awkward commune (amendments of amendments and of unknown visits, removed people,
 * malformed times, unknown items) and on the edge cases: an empty hamlet, unknown outcome codes, a household with no
 * visits, demo rows, unreadable facts.
 */
import { describe, expect, it } from 'vitest';
import { buildDigest } from '../../src/shared/digest';
import { BUNDLE_VERSION, bundleFacts, hamletBundle, priorityOf, unbundleFacts } from '../../src/shared/hamlet-facts';
import { ITEM_KEYS, OUTCOMES } from '../../src/shared/catalogue';
import { BIRTH_UNKNOWN, birthYears, codes, isColumns, type BundleSource } from '../../src/shared/hamlet-columns';
import { preparedFromColumns } from '../../src/shared/report/columns';
import { prepareVisits, UNKNOWN_OUTCOME, type PreparedVisits, type ReportInput, type VisitRow } from '../../src/shared/report';
import { groupBy } from '../../src/shared/group';
import { DEMO_NOW_MS } from '../../src/shared/demo';
import type { Household, Person, Visit } from '../../src/shared/schema';
import { dashboardFrom } from '../../src/worker/reports/dashboard';
import { awkwardCommune } from './report-awkward';

const byId = (a: { id: string }, b: { id: string }) => (a.id < b.id ? -1 : a.id > b.id ? 1 : 0);
const req = { period: { kind: 'custom' as const, from: '2026-09-15', to: '2026-12-31' }, now: DEMO_NOW_MS, trendMonths: 6 };

/** Digests of these households (one hamlet each), bundled per hamlet in id order as the data layer does. */
function bundlesOf(households: readonly Household[], persons: readonly Person[], visits: readonly VisitRow[], hamletIds: readonly string[]) {
  const personsBy = groupBy(persons, (p) => p.householdId), visitsBy = groupBy(visits, (v) => v.householdId);
  const digests = [...households].sort(byId).map((h) => buildDigest(h, personsBy.get(h.id) ?? [], (visitsBy.get(h.id) ?? []) as Visit[], false));
  const byHamlet = groupBy(digests, (d) => d.hamletId);
  return hamletIds.map((hamletId) => ({ hamletId, digests: byHamlet.get(hamletId) ?? [] }));
}

/** The figures' input as the loader makes it (columns), and as the D19 loader made it (decoded JSON facts). */
function inputs(bundles: { hamletId: string; digests: BundleSource[] }[], base: Pick<ReportInput, 'events' | 'members'>) {
  // Structured clone: what IndexedDB hands back.
  const stored = bundles.map(({ hamletId, digests }) => structuredClone(hamletBundle(hamletId, digests)));
  const { households, prepared } = preparedFromColumns(stored.map((b) => ({ hamletId: b.hamletId, columns: b.bundle })), priorityOf);
  const decoded = bundles.flatMap(({ hamletId, digests }) => unbundleFacts(hamletId, bundleFacts(digests)));
  const rows: ReportInput = {
    ...base, households: decoded.map((f) => f.household), persons: decoded.flatMap((f) => f.persons), visits: [],
    visitsByHousehold: new Map(decoded.map((f) => [f.household.id, f.visits])),
  };
  return { columns: { ...base, households, persons: [], visits: [], prepared } satisfies ReportInput, rows, stored };
}

/** Every array the figures read, cut to its used length (prepareVisits grows some arrays past it). */
function used(x: PreparedVisits) {
  const outcomes = x.outStart[x.ms.length]!, details = x.detailStart[outcomes]!;
  return {
    household: [...x.household], ms: x.ms, followUp: x.followUp, followUpDates: x.followUpDates, member: x.member, outStart: x.outStart,
    item: x.item.subarray(0, outcomes), outcome: x.outcome.subarray(0, outcomes), person: x.person.subarray(0, outcomes),
    detailStart: x.detailStart.subarray(0, outcomes + 1), detail: x.detail.subarray(0, details), detailNames: x.detailNames,
    start: x.start, end: x.end, orig: x.orig, content: x.content,
    personStart: x.personStart, personEnd: x.personEnd, personSlot: x.personSlot, birthYear: x.birthYear, smartphone: x.smartphone,
  };
}

const dashboard = (input: ReportInput, hamlets: { id: string; name: string }[]) =>
  dashboardFrom({ input, hamlets: hamlets as never, communeName: 'Xã Thử', dataAsOf: null, enrolled: false }, req);

describe('columnar facts bundles', () => {
  for (const seed of [3, 17]) {
    it(`merge to exactly what prepareVisits makes of the decoded facts (awkward commune, seed ${seed})`, () => {
      const { d, input } = awkwardCommune(seed);
      // A household is in one hamlet: drop the awkward list's second copy of household 3 (moved to another hamlet).
      const households = (input.households as Household[]).filter((h, i, all) => all.findIndex((x) => x.id === h.id) === i);
      const hamletIds = d.hamlets.map((h) => h.id);
      const { columns, rows } = inputs(bundlesOf(households, input.persons as Person[], input.visits, hamletIds), input);
      expect(used(columns.prepared)).toEqual(used(prepareVisits(rows)));
      expect(columns.households).toEqual(rows.households);
      const fromColumns = dashboard(columns, d.hamlets);
      expect(fromColumns).toEqual(dashboard({ ...input, households }, d.hamlets));
      // The data must exercise the figures, amendments and people gone, or the comparison proves little.
      expect(fromColumns.counts.commune.visits.inPeriod).toBeGreaterThan(50);
      expect(fromColumns.followUps.length).toBeGreaterThan(0);
      const x = columns.prepared;
      let amended = 0, dropped = 0; // visits whose content is an amendment's; amendments that are not visits themselves
      for (let g = 0; g < x.end.length; g++) {
        dropped += x.start[g + 1]! - x.end[g]!;
        for (let k = x.start[g]!; k < x.end[g]!; k++) if (x.content[k] !== x.orig[k]) amended++;
      }
      expect(amended).toBeGreaterThan(10);
      expect(dropped).toBeGreaterThan(amended);
      expect(used(x).person).toContain(0); // outcomes of people no longer in the household
    });
  }
});

const H = (n: number) => `00000000-0000-7000-8000-${String(n).padStart(12, '0')}`;
const HAMLET_A = H(9001), HAMLET_B = H(9002), MEMBER = H(9100);
const noPriority = priorityOf(0);
const at = (daysAgo: number) => new Date(DEMO_NOW_MS - daysAgo * 86_400_000).toISOString();
const VNEID = ITEM_KEYS.indexOf('vneid_l1'), DONE = OUTCOMES.indexOf('done'), NEEDS_HELP = OUTCOMES.indexOf('needs_help');
/** A household's digest facts written by hand, in the stored JSON shape (digest.ts Facts). */
const household = (n: number, facts: unknown, priority = noPriority): BundleSource => ({ id: H(n), label: `Hộ ${n}`, priority, facts: JSON.stringify(facts) });

describe('columnar bundle edge cases', () => {
  const check = (bundles: { hamletId: string; digests: BundleSource[] }[]) => {
    const { columns, rows, stored } = inputs(bundles, { events: [], members: [] });
    expect(used(columns.prepared)).toEqual(used(prepareVisits(rows)));
    const hamlets = bundles.map((b) => ({ id: b.hamletId, name: b.hamletId }));
    const fromColumns = dashboard(columns, hamlets);
    expect(fromColumns).toEqual(dashboard(rows, hamlets));
    return { fromColumns, stored, prepared: columns.prepared };
  };

  it('an empty hamlet: an empty bundle, and the hamlet still gets its row', () => {
    const { fromColumns, stored } = check([{ hamletId: HAMLET_A, digests: [] }, { hamletId: HAMLET_B, digests: [household(1, { m: [], p: [[1950, 0]], v: [] })] }]);
    expect(stored[0]!.bundle.ids).toEqual([]);
    expect(stored[0]!.bundle.ms.length).toBe(0);
    expect(fromColumns.counts.hamlets.map((s) => [s.hamletId, s.households.total])).toEqual([[HAMLET_A, 0], [HAMLET_B, 1]]);
  });

  it('a household with no visits counts its people and as not visited', () => {
    const { fromColumns } = check([{ hamletId: HAMLET_A, digests: [
      household(1, { m: [], p: [[1950, 1], [2015, 0], [null, 1]], v: [] }, priorityOf(1)),
      household(2, { m: [MEMBER], p: [[1990, 1]], v: [[at(3), 0, null, null, [[VNEID, 0, DONE, []]]]] }),
    ] }]);
    const c = fromColumns.counts.commune;
    expect(c.households).toMatchObject({ total: 2, visitedEver: 1, priorityTotal: 1, priorityReachedEver: 0, notVisitedRecently: 1 });
    expect(c.people).toMatchObject({ total: 4, adults: 2, adultsWithSmartphone: 2 });
  });

  it('unknown outcome codes and items replace a cell but count nowhere; unknown people match nobody', () => {
    const facts = { m: [MEMBER], p: [[1980, 1]], v: [
      [at(9), 0, '2026-12-01', null, [[VNEID, 0, NEEDS_HELP, []], ['future_app', null, DONE, ['x']], [999, null, DONE, []]]],
      [at(5), 0, null, null, [[VNEID, 0, null, []], [VNEID, 7, DONE, []], [VNEID, -1, DONE, []]]], // null: a code this version lacks
      [at(4), 0, null, null, [[VNEID, null, 99, []]]],
    ] };
    const { fromColumns, prepared } = check([{ hamletId: HAMLET_A, digests: [household(1, facts)] }]);
    expect([...prepared.outcome]).toContain(UNKNOWN_OUTCOME);
    expect([...prepared.item]).toContain(-1);
    const vneid = fromColumns.counts.commune.items.vneid_l1!;
    expect(Object.values(vneid.state).every((n) => n === 0)).toBe(true); // the needs_help cell now holds an unknown code
    expect(fromColumns.followUps).toEqual([]); // so nothing is open any more
    expect(fromColumns.counts.commune.visits.inPeriod).toBe(3);
  });

  it('amendments by index; one of a visit not in the household, or out of range, changes nothing', () => {
    const facts = { m: [MEMBER], p: [[1980, 1]], v: [
      [at(9), 0, null, null, [[VNEID, 0, NEEDS_HELP, []]]],
      [at(2), 0, null, 0, [[VNEID, 0, DONE, []]]], // amends visit 0: done, at visit 0's time
      [at(1), 0, null, 'some-other-visit', [[VNEID, 0, NEEDS_HELP, []]]],
      [at(1), 0, null, 42, [[VNEID, 0, NEEDS_HELP, []]]], // out of range: an ordinary visit, as decodeFacts reads it
    ] };
    const { fromColumns } = check([{ hamletId: HAMLET_A, digests: [household(1, facts)] }]);
    expect(fromColumns.counts.commune.visits.inPeriod).toBe(2);
  });

  it('unreadable facts count as a household with nothing recorded, without failing the bundle', () => {
    const bad = { ...household(1, {}), facts: 'not json' };
    const bundle = hamletBundle(HAMLET_A, [bad, household(2, { m: [], p: [[1950, 0]], v: [] })]).bundle;
    expect(bundle.ids).toEqual([H(1), H(2)]);
    expect([...bundle.personStart]).toEqual([0, 0, 1]);
  });

  it('the demo flag of a facts row does not change its bundle', () => {
    const rows = [household(1, { m: [], p: [[1950, 0]], v: [] }), household(2, { m: [], p: [], v: [] })];
    expect(hamletBundle(HAMLET_A, rows.map((r) => ({ ...r, demo: 1 as const })))).toEqual(hamletBundle(HAMLET_A, rows));
  });

  it('is stored as it is: typed arrays own exactly their bytes, a structured clone is equal, stamped with the bundle version', () => {
    const { d, input } = awkwardCommune(5);
    const [b] = bundlesOf(input.households.slice(0, 40) as Household[], input.persons as Person[], input.visits, [d.hamlets[0]!.id]);
    const row = hamletBundle(b!.hamletId, b!.digests);
    expect(row.v).toBe(BUNDLE_VERSION);
    expect(isColumns(row.bundle)).toBe(true);
    expect(isColumns('[[]]')).toBe(false);
    for (const [key, value] of Object.entries(row.bundle)) {
      if (ArrayBuffer.isView(value)) expect(value.byteLength, key).toBe(value.buffer.byteLength); // no spare bytes stored
    }
    expect(structuredClone(row)).toEqual(row);
    expect(row.bundle.member).toBeInstanceOf(Uint8Array);
    expect(row.bundle.birthYear).toBeInstanceOf(Int16Array);
    // Codes take 1 byte if they all fit, else 2, else 4, exactly.
    expect(codes([0, 255])).toBeInstanceOf(Uint8Array);
    expect(codes([0, 256])).toBeInstanceOf(Uint16Array);
    expect(codes([0, 65_535])).toBeInstanceOf(Uint16Array);
    // Birth years: 2 bytes with a marker for "unknown", or exactly as given if any does not fit.
    expect([...birthYears([1950, NaN, 2024])]).toEqual([1950, BIRTH_UNKNOWN, 2024]);
    for (const odd of [[1950.5], [40_000], [BIRTH_UNKNOWN], [Infinity]]) expect([...birthYears(odd)], String(odd)).toEqual(odd);
    for (const big of [[65_536], [-1], [1.5]]) expect([...codes(big)], String(big)).toEqual(big.map(Math.trunc));
  });
});
