import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { searchHouseholds, searchText, matchRank, queryTerms, type HouseholdSummary } from '../../src/shared/search';
import { NO_PRIORITY } from '../../src/shared/schema';
import { fold } from '../../src/shared/text';

let n = 0;
function summary(label: string, extra: Partial<HouseholdSummary> & { persons?: string[] } = {}): HouseholdSummary {
  const { persons = [], ...rest } = extra;
  const base = { label, houseNo: rest.houseNo ?? String(++n), alley: rest.alley ?? '', phone: rest.phone ?? '' };
  return {
    id: `h${n}`, hamletId: 'x', ...base, priority: NO_PRIORITY, producer: false, personsCount: persons.length, visitedEver: false,
    lastVisitAt: null, nextFollowUp: null, hasConflicts: false, demo: false, searchText: searchText(base, persons), ...rest,
  };
}

const list = [
  summary('Lê Văn Hùng', { phone: '0912 345 678' }),
  summary('Nguyễn Thị Dũng'),
  summary('Trần Văn Dụng', { houseNo: '12A', alley: 'Ngõ Đình' }),
  summary('Lò Thị Hà', { visitedEver: true, priority: { ...NO_PRIORITY, elderly: true } }),
  summary('Hà Văn An', { nextFollowUp: '2026-12-01', visitedEver: true }),
  summary('Vi Văn Hạnh', { persons: ['Đức', 'Ánh'] }),
  summary('Đinh Thị Hằng', { priority: { ...NO_PRIORITY, poor: true, noSmartphone: true } }),
  summary('Lương Văn Ân'),
];
const labels = (q: string, f = {}) => searchHouseholds(list, q, f).map((s) => s.label);

describe('household search', () => {
  it('is diacritic-insensitive and maps đ to d', () => {
    expect(labels('le van hung')).toEqual(['Lê Văn Hùng']);
    expect(labels('LÊ VĂN HÙNG')).toEqual(['Lê Văn Hùng']);
    expect(labels('dinh')).toEqual(['Trần Văn Dụng', 'Đinh Thị Hằng']); // "Ngõ Đình" the alley, "Đinh" the name; by given name
    expect(labels('duc')).toEqual(['Vi Văn Hạnh']); // a member's first name
  });

  it('"dung" finds both Dũng and Dụng, sorted by given name', () => {
    expect(labels('dung')).toEqual(['Nguyễn Thị Dũng', 'Trần Văn Dụng']);
  });

  it('finds 1–2 letter syllables, whole-word matches first', () => {
    // "ha": Hà (whole word) before Hạnh/Hằng (prefix).
    expect(labels('hà').slice(0, 2).sort()).toEqual(['Hà Văn An', 'Lò Thị Hà']);
    expect(labels('ha')).toEqual(expect.arrayContaining(['Vi Văn Hạnh', 'Đinh Thị Hằng']));
    expect(labels('an')).toContain('Hà Văn An');
    expect(labels('an')[0]).toBe('Hà Văn An');
    expect(labels('ân')).toEqual(labels('an')); // marks do not matter
  });

  it('finds a house number and a phone tail', () => {
    expect(labels('12a')).toEqual(['Trần Văn Dụng']);
    expect(labels('5678')).toEqual(['Lê Văn Hùng']);
    expect(labels('0912345678')).toEqual(['Lê Văn Hùng']);
    expect(labels('hung 5678')).toEqual(['Lê Văn Hùng']);
    expect(labels('hung 9999')).toEqual([]);
  });

  it('finds a phone number however it was typed, saved or searched: +84, 84 or 0, with spaces, dots or dashes', () => {
    const phones = [summary('Lò Văn Pọm', { phone: '+84 987 654 321' }), summary('Hà Thị Mai', { phone: '0912.345.670' }), ...list];
    const found = (q: string) => searchHouseholds(phones, q).map((s) => s.label);
    for (const q of ['0987654321', '0987 654 321', '+84987654321', '+84 987-654-321', '84987654321', '654321']) expect(found(q), q).toEqual(['Lò Văn Pọm']);
    for (const q of ['+84 912 345 670', '84912345670', '0912345670']) expect(found(q), q).toEqual(['Hà Thị Mai']);
    expect(found('0987654329')).toEqual([]);
  });

  it('reads Ð (U+00D0, a look-alike of Đ from old encodings) as d', () => {
    expect(fold('Ðào Văn Ðức')).toBe('dao van duc');
  });

  it('with "needs a return visit", the date owed comes first (earliest first), then the name', () => {
    const owed = [
      summary('Lò Văn Pọm', { nextFollowUp: '2026-12-05' }), summary('Hà Thị Mai', { nextFollowUp: '2026-11-02' }),
      summary('Vi Văn Anh', { nextFollowUp: '2026-12-05' }), summary('Lê Văn Hùng'),
      // Visited on 20 November, after its 1 November date, with no new one: after every dated household.
      summary('Đinh Văn Tùng', { nextFollowUp: '2026-11-01', lastVisitAt: '2026-11-20T03:00:00.000Z' }),
    ];
    expect(searchHouseholds(owed, '', { needsFollowUp: true }).map((s) => s.label)).toEqual(['Hà Thị Mai', 'Vi Văn Anh', 'Lò Văn Pọm', 'Đinh Văn Tùng']);
    expect(searchHouseholds(owed, '').map((s) => s.label)).toEqual(['Vi Văn Anh', 'Lê Văn Hùng', 'Hà Thị Mai', 'Lò Văn Pọm', 'Đinh Văn Tùng']); // by given name
  });

  it('filters: not visited, needs follow-up, priority groups (any of)', () => {
    expect(labels('', { needsFollowUp: true })).toEqual(['Hà Văn An']);
    expect(labels('', { notVisited: true })).not.toContain('Lò Thị Hà');
    expect(labels('', { priority: ['elderly', 'poor'] }).sort()).toEqual(['Lò Thị Hà', 'Đinh Thị Hằng'].sort());
    expect(labels('ha', { priority: ['noSmartphone'] })).toEqual(['Đinh Thị Hằng']);
  });

  it('an empty query lists everyone by given name the Vietnamese way', () => {
    expect(labels('')).toEqual([
      'Hà Văn An', 'Lương Văn Ân', 'Nguyễn Thị Dũng', 'Trần Văn Dụng', 'Lò Thị Hà', 'Vi Văn Hạnh', 'Đinh Thị Hằng', 'Lê Văn Hùng',
    ]);
  });

  it('bad input never throws', () => {
    fc.assert(fc.property(fc.string({ maxLength: 40 }), (q) => {
      const out = searchHouseholds(list, q);
      expect(out.length).toBeLessThanOrEqual(list.length);
    }), { numRuns: 300 });
  });

  it('every result contains each query word as a prefix (or digits inside), property', () => {
    fc.assert(fc.property(fc.constantFrom(...list.map((s) => s.label)), fc.integer({ min: 1, max: 3 }), (label, cut) => {
      const word = fold(label).split(' ')[1]!;
      const q = word.slice(0, cut);
      const out = searchHouseholds(list, q);
      for (const s of out) expect(matchRank(s.searchText, queryTerms(q))).toBeGreaterThanOrEqual(0);
      expect(out.map((s) => s.label)).toContain(label);
    }), { numRuns: 200 });
  });
});
