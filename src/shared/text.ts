/**
 * Vietnamese text: store NFC, search on a folded key, sort people by given name.
 * Folding removes tone and vowel marks and maps đ/Đ → d by hand (NFD does not decompose đ).
 */
export function nfc(text: string): string {
  return text.normalize('NFC');
}

/** Trim, collapse inner white space and normalise to NFC: what we store for any typed name. */
export function cleanText(text: string): string {
  return nfc(text).trim().replace(/\s+/g, ' ');
}

/** "Lê Văn Hùng" → "le van hung". Lower case, no marks, đ → d, punctuation becomes space. */
export function fold(text: string): string {
  return text
    .normalize('NFD')
    .replace(/[\u0300-\u036f]/g, '')
    .replace(/[đĐðÐ]/g, 'd') // Ð (U+00D0) looks like Đ and turns up in text converted from old encodings
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, ' ')
    .trim();
}

/** Given name = the last word ("Nguyễn Thị Mai" → "Mai"). */
export function givenName(fullName: string): string {
  const words = cleanText(fullName).split(' ');
  return words[words.length - 1] ?? '';
}

/**
 * The Vietnamese collator, built on first use: building it loads ICU's collation data (≈ 60–100 ms on a cheap
 * phone), which must not happen while the app module loads on a cold start.
 */
let collator: Intl.Collator | undefined;
export function viCollator(): Intl.Collator {
  return (collator ??= new Intl.Collator('vi', { sensitivity: 'base', numeric: true }));
}

/** A name's sort key, computed once per row when sorting many (the collator is the slow part, not the keys). */
export interface ViNameKey { given: string; full: string }
export const viNameKey = (name: string): ViNameKey => ({ given: givenName(name), full: cleanText(name) });
export const compareViNameKeys = (a: ViNameKey, b: ViNameKey): number => viCollator().compare(a.given, b.given) || viCollator().compare(a.full, b.full);

/** Compare two people's names the Vietnamese way: given name first, then the rest (family and middle names). */
export function compareViNames(a: string, b: string, overrideA?: string, overrideB?: string): number {
  const keyA = overrideA ?? givenName(a);
  const keyB = overrideB ?? givenName(b);
  const c = viCollator();
  return c.compare(keyA, keyB) || c.compare(cleanText(a), cleanText(b));
}

/** Words of a folded query; every word must prefix some word of the haystack. */
export function queryWords(query: string): string[] {
  return fold(query).split(' ').filter(Boolean);
}

/**
 * Does a folded haystack match a query? Each query word must be a prefix of some haystack word,
 * so "le hung" finds "le van hung" and "ha" finds "ha" but also "hang"; digits match anywhere
 * inside a number so a phone tail ("4567") finds "0912 34 4567".
 */
export function matchesFolded(haystackWords: readonly string[], words: readonly string[]): boolean {
  return words.every((w) =>
    /^\d+$/.test(w)
      ? haystackWords.some((h) => h.includes(w))
      : haystackWords.some((h) => h.startsWith(w)),
  );
}
