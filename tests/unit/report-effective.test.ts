import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { effectiveTimed, prepareVisits } from '../../src/shared/report';
import { effectiveVisits } from '../../src/shared/state';
import { NO_PRIORITY } from '../../src/shared/schema';
import type { VisitRow } from '../../src/shared/report';

const id = (n: number) => `00000000-0000-7000-8000-${String(n).padStart(12, '0')}`;

describe('effectiveTimed equals state.ts effectiveVisits', () => {
  it('on random visits with amendments, ties and amendments of amendments', () => {
    const visit = fc.record({
      n: fc.integer({ min: 0, max: 30 }),
      minute: fc.integer({ min: 0, max: 5 }),
      amends: fc.option(fc.integer({ min: 0, max: 30 }), { nil: null }),
      outcome: fc.constantFrom('had', 'guided', 'done', 'needs_help') as fc.Arbitrary<'had' | 'guided' | 'done' | 'needs_help'>,
    });
    fc.assert(fc.property(fc.uniqueArray(visit, { selector: (v) => v.n, maxLength: 15 }), (specs) => {
      const visits: VisitRow[] = specs.map((s) => ({
        // followUpOn marks whose content counts (unique per row); memberId is the visitor, which stays the original's.
        id: id(s.n), householdId: id(999), memberId: id(s.n + 100), at: `2026-01-01T00:0${s.minute}:00Z`,
        followUpOn: `2026-03-${String(s.n % 28 + 1).padStart(2, '0')}T${s.n}`,
        amends: s.amends === null || s.amends === s.n ? null : id(s.amends),
        outcomes: [{ item: 'vneid_l1', personId: null, outcome: s.outcome, details: [], other: '' }],
      }));
      const expected = effectiveVisits(visits).map((v) => [v.id, Date.parse(v.at), v.followUpOn, v.outcomes[0]!.outcome]);
      const actual = effectiveTimed(visits).map((t) => [t.id, t.ms, t.v.followUpOn, t.v.outcomes[0]!.outcome]);
      // The visitor is the original's.
      expect(effectiveVisits(visits).map((v) => v.memberId)).toEqual(effectiveTimed(visits).map((t) => id(Number(t.id.slice(-12)) + 100)));
      expect(actual).toEqual(expected);
    }), { numRuns: 300 });
  });
  it('prepareVisits gives the same order and content, also with malformed times, as typed arrays', () => {
    const visit = fc.record({
      n: fc.integer({ min: 0, max: 120 }),
      minute: fc.option(fc.integer({ min: 0, max: 5 }), { nil: null }),
      // Mostly originals, so that some households have more than 64 effective visits.
      amends: fc.oneof({ arbitrary: fc.constant(null), weight: 6 }, { arbitrary: fc.integer({ min: 0, max: 120 }), weight: 1 }),
      outcome: fc.constantFrom('had', 'guided', 'done', 'needs_help') as fc.Arbitrary<'had' | 'guided' | 'done' | 'needs_help'>,
    });
    // Up to 90 visits: households above 64 effective visits take the other sort.
    fc.assert(fc.property(fc.uniqueArray(visit, { selector: (v) => v.n, maxLength: 90, size: 'max' }), (specs) => {
      const visits: VisitRow[] = specs.map((s) => ({
        id: id(s.n), householdId: id(999), memberId: id(s.n + 100), followUpOn: null,
        at: s.minute === null ? 'not a date' : `2026-01-01T00:0${s.minute}:00Z`,
        amends: s.amends === null || s.amends === s.n ? null : id(s.amends),
        outcomes: [{ item: 'vneid_l1', personId: null, outcome: s.outcome, details: [], other: '' }],
      }));
      const x = prepareVisits({ households: [{ id: id(999), hamletId: id(1), priority: NO_PRIORITY }], visits });
      const actual = Array.from({ length: x.end[0]! - x.start[0]! }, (_, i) => {
        const k = x.start[0]! + i;
        return [visits[x.orig[k]!]!.id, x.ms[x.orig[k]!], visits[x.content[k]!]!.memberId];
      });
      // The rule of effectiveTimed (a total order, malformed times last; amendments with a malformed time ignored).
      expect(actual).toEqual(effectiveTimed(visits).map((t) => [t.id, t.ms, t.v.memberId]));
      if (specs.every((s) => s.minute !== null)) expect(actual.map((a) => a[0])).toEqual(effectiveVisits(visits).map((v) => v.id));
    }), { numRuns: 300 });
  });
});
