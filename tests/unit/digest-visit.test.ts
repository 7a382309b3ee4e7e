/**
 * digestWithVisit (D-V1) must give exactly buildDigest over the rows plus the new visit, for any history: visits in
 * any id and time order (the new one first, last or between), equal times, amendments of amendments, amendments of
 * visits not on the phone (and that original arriving as the new visit), outcomes naming people, nobody, or people
 * no longer in the household, unknown item keys. When it declines (undefined), it must be for a stated reason only.
 */
import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { buildDigest, type Digest } from '../../src/shared/digest';
import { digestWithVisit } from '../../src/shared/digest-visit';
import { ITEM_KEYS, OUTCOMES } from '../../src/shared/catalogue';
import type { Household, Visit, VisitOutcome } from '../../src/shared/schema';
import { noPriority } from './data-helpers';

const household: Household = {
  id: 'h', communeId: 'c', hamletId: 'b', label: 'Lê Văn Hùng', houseNo: '12', alley: 'Gần suối', phone: '0912 345 678',
  priority: noPriority, producer: false, consent: null, note: '', conflicts: [], hlc: {},
} as unknown as Household;

type V = Pick<Visit, 'id' | 'memberId' | 'at' | 'outcomes' | 'followUpOn' | 'amends'>;
const personIds = ['p1', 'p3', 'p5', 'p7'];
const times = ['2026-10-01T08:00:00.000Z', '2026-10-01T08:00:00.000Z', '2026-10-02T09:30:00.000Z', '2026-09-15T07:00:00+07:00', '2026-11-20T16:45:10.000Z'];

const outcome = fc.record<VisitOutcome>({
  item: fc.oneof(fc.constantFrom(...ITEM_KEYS.slice(0, 4)), fc.constant('unknown_item')),
  personId: fc.constantFrom(null, null, 'p1', 'p3', 'p5', 'p7', 'gone'),
  outcome: fc.constantFrom(...OUTCOMES), details: fc.constantFrom([], ['a_b']), other: fc.constant(''),
});
const visit = (id: string) => fc.record<V>({
  id: fc.constant(id), memberId: fc.constantFrom('m1', 'm2', 'm3'), at: fc.constantFrom(...times),
  outcomes: fc.array(outcome, { maxLength: 4 }), followUpOn: fc.constantFrom(null, '2026-12-01', '2026-12-15'),
  amends: fc.constantFrom(null, null, 'v10', 'v30', 'v50', 'v70', 'x00'),
});
// Ids 'v10' … 'v90' for stored visits; the new one may take any free id, including 'x00' (amended before it arrived).
const history = fc.record({
  stored: fc.uniqueArray(fc.constantFrom('v10', 'v20', 'v30', 'v40', 'v50', 'v60', 'v70', 'v80'), { maxLength: 8 }).chain((ids) => fc.tuple(...ids.map(visit))),
  newId: fc.constantFrom('v05', 'v45', 'v99', 'x00'),
  persons: fc.subarray(personIds),
}).chain(({ stored, newId, persons }) => fc.record({ stored: fc.constant(stored), persons: fc.constant(persons), added: visit(newId) }));

const digestOf = (persons: readonly string[], visits: readonly V[]): Digest =>
  buildDigest(household, persons.map((id, i) => ({ id, firstName: `Tên ${i}`, birthYear: 1950 + i, hasSmartphone: i % 2 === 0 })), visits, false);
const sorted = (xs: readonly { id: string }[]) => xs.map((x) => x.id).sort();

describe('digestWithVisit', () => {
  it('equals buildDigest over the rows with the new visit, or declines for a stated reason', () => {
    let extended = 0;
    fc.assert(fc.property(history, ({ stored, persons, added }) => {
      fc.pre(!stored.some((v) => v.id === added.id));
      const before = digestOf(persons, stored);
      const namesSomeone = added.outcomes.some((o) => o.personId !== null);
      const got = digestWithVisit(before, sorted(stored), namesSomeone ? [...persons].sort() : undefined, added);
      const gone = stored.some((v) => v.outcomes.some((o) => o.personId !== null && !persons.includes(o.personId)));
      if (got === undefined) { expect(gone).toBe(true); return; }
      extended++;
      expect(got).toEqual(digestOf(persons, [...stored, added]));
    }), { numRuns: 2000 });
    expect(extended).toBeGreaterThan(300); // the fast path is taken, not only the fallback
  });

  it('with the people ids even when the visit names nobody', () => {
    fc.assert(fc.property(history, ({ stored, persons, added }) => {
      fc.pre(!stored.some((v) => v.id === added.id));
      const got = digestWithVisit(digestOf(persons, stored), sorted(stored), [...persons].sort(), added);
      if (got) expect(got).toEqual(digestOf(persons, [...stored, added]));
    }), { numRuns: 500 });
  });

  it('declines digests out of step with the ids, of another version, or unreadable', () => {
    const a: V = { id: 'v10', memberId: 'm1', at: times[0]!, outcomes: [], followUpOn: null, amends: null };
    const b: V = { ...a, id: 'v20' };
    const d = digestOf(['p1'], [a]);
    expect(digestWithVisit(d, ['v10'], undefined, b)).toEqual(digestOf(['p1'], [a, b]));
    expect(digestWithVisit(d, [], undefined, b)).toBeUndefined();
    expect(digestWithVisit(d, ['v10', 'v15'], undefined, b)).toBeUndefined();
    expect(digestWithVisit(d, ['v10'], ['p1', 'p2'], b)).toBeUndefined();
    expect(digestWithVisit({ ...d, v: d.v - 1 }, ['v10'], undefined, b)).toBeUndefined();
    expect(digestWithVisit({ ...d, facts: '{"m":' }, ['v10'], undefined, b)).toBeUndefined();
    expect(digestWithVisit(d, ['v10'], undefined, { ...b, outcomes: [{ item: 'vneid_l1', personId: 'p1', outcome: 'done', details: [], other: '' }] })).toBeUndefined();
  });
});
