import { describe, expect, it } from 'vitest';
import { cleanText, compareViNames, fold, givenName, matchesFolded, queryWords } from '../../src/shared/text';

const matches = (name: string, query: string) => matchesFolded(fold(name).split(' '), queryWords(query));

describe('Vietnamese folding', () => {
  it('removes marks and maps đ → d', () => {
    expect(fold('Lê Văn Hùng')).toBe('le van hung');
    expect(fold('Đặng Thị Đào')).toBe('dang thi dao');
    expect(fold('NGUYỄN ĐỨC ANH')).toBe('nguyen duc anh');
    expect(fold('Bản Xía Nọi')).toBe('ban xia noi');
  });
  it('treats NFD input like NFC input', () => {
    const nfd = 'Dũng'.normalize('NFD');
    expect(nfd).not.toBe('Dũng');
    expect(fold(nfd)).toBe('dung');
    expect(cleanText(nfd)).toBe('Dũng');
  });
  it('finds names with or without diacritics, by word prefix', () => {
    expect(matches('Lê Văn Hùng', 'le van hung')).toBe(true);
    expect(matches('Lê Văn Hùng', 'lê hùng')).toBe(true);
    expect(matches('Nguyễn Văn Dũng', 'dung')).toBe(true);
    expect(matches('Trần Văn Dụng', 'dung')).toBe(true);
    expect(matches('Phạm Thị Hà', 'Hà')).toBe(true);
    expect(matches('Lò Văn An', 'an')).toBe(true);
    expect(matches('Lê Văn Hùng', 'hung le')).toBe(true);
    expect(matches('Lê Văn Hùng', 'hoa')).toBe(false);
    expect(matches('Lò Văn An', 'ann')).toBe(false);
  });
  it('matches digits anywhere in a number (phone tail)', () => {
    expect(matchesFolded(['0912344567'], queryWords('4567'))).toBe(true);
    expect(matchesFolded(['0912344567'], queryWords('9999'))).toBe(false);
  });
  it('cleans white space', () => {
    expect(cleanText('  Lê   Văn\tHùng ')).toBe('Lê Văn Hùng');
  });
});

describe('Vietnamese name order', () => {
  it('takes the last word as the given name', () => {
    expect(givenName('Nguyễn Thị Mai')).toBe('Mai');
    expect(givenName('An')).toBe('An');
  });
  it('sorts by given name first, then the rest, with Vietnamese collation', () => {
    const names = ['Trần Văn Bình', 'Lê Thị An', 'Nguyễn Văn An', 'Đỗ Văn Đức', 'Phạm Văn Dũng'];
    const sorted = [...names].sort((a, b) => compareViNames(a, b));
    expect(sorted).toEqual(['Lê Thị An', 'Nguyễn Văn An', 'Trần Văn Bình', 'Phạm Văn Dũng', 'Đỗ Văn Đức']);
  });
  it('honours an override where the last-word rule fails', () => {
    expect(compareViNames('Hờ A Chá', 'Giàng Thị Bầu', 'A', undefined)).toBeLessThan(0);
    expect(compareViNames('Hờ A Chá', 'Giàng Thị Bầu')).toBeGreaterThan(0);
  });
});
