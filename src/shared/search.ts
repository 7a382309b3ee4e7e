/**
 * Household search for the hamlet list. Pure and fast: each summary carries its folded words (computed once when
 * the list is loaded), so a keystroke is one pass over ~5,000 summaries plus an integer sort.
 * Diacritic-insensitive with đ→d ("le van hung" finds "Lê Văn Hùng", "dung" finds "Dũng" and "Dụng"); every query
 * word must prefix some word, digits match inside numbers (house number, phone tail).
 */
import type { Priority } from './schema';
import type { PRIORITY_FIELD_NAMES } from './fields';
import { cleanText, fold, givenName, viCollator } from './text';
import { visitedAfter } from './follow-up';

export type PriorityKey = (typeof PRIORITY_FIELD_NAMES)[number];

export interface HouseholdSummary {
  id: string;
  hamletId: string;
  label: string;
  houseNo: string;
  alley: string;
  phone: string;
  priority: Priority;
  producer: boolean;
  personsCount: number;
  visitedEver: boolean;
  /** ISO time of the latest visit, null when never visited. */
  lastVisitAt: string | null;
  /** Open follow-up date (YYYY-MM-DD) when some item still needs help. */
  nextFollowUp: string | null;
  /** "Edited on two phones" flags waiting for a leader. */
  hasConflicts: boolean;
  /** Demo data (removable, never synced). */
  demo: boolean;
  /** Folded search words (label, house number, alley, phone digits, members' first names), space-separated with a
   *  space at both ends so that a prefix test is one `includes(" " + term)`. Computed once per summary. */
  searchText: string;
}

export interface SearchFilters {
  notVisited?: boolean;
  needsFollowUp?: boolean;
  /** Any of these priority groups. */
  priority?: readonly PriorityKey[];
}

/** The searchText of one household; call once per summary, not per keystroke. */
export function searchText(h: { label: string; houseNo: string; alley: string; phone: string }, personNames: readonly string[] = []): string {
  return ` ${searchWords(h, personNames).join(' ')} `;
}

/** Folded words for one household. */
export function searchWords(h: { label: string; houseNo: string; alley: string; phone: string }, personNames: readonly string[] = []): string[] {
  const words = new Set<string>();
  for (const text of [h.label, h.houseNo, h.alley, ...personNames]) for (const w of fold(text).split(' ')) if (w) words.add(w);
  const houseNo = fold(h.houseNo).replace(/ /g, '');
  if (houseNo) words.add(houseNo);
  const digits = h.phone.replace(/\D/g, '');
  if (digits) words.add(digits);
  return [...words];
}

/** A query that is a phone number as people type it ("+84 987 654 321", "0987.654.321"): one run of digits. */
const PHONE_QUERY = /^[\d\s+().-]+$/;

export function queryTerms(query: string): string[] {
  const digits = query.replace(/\D/g, '');
  if (digits.length >= 9 && PHONE_QUERY.test(query.trim())) return [digits];
  return fold(query).split(' ').filter(Boolean);
}

/** The other way to write a Vietnamese mobile number: 0987654321 ⇄ 84987654321 (as saved, either may be stored). */
export function otherPhoneForm(digits: string): string | null {
  if (/^84\d{9,10}$/.test(digits)) return `0${digits.slice(2)}`;
  if (/^0\d{9,10}$/.test(digits)) return `84${digits.slice(1)}`;
  return null;
}

/** 0 = every term is a whole word ("ha" is "Hà"), 1 = prefix/inside matches only ("ha" in "Hạnh"), -1 = no match. */
export function matchRank(text: string, terms: readonly string[]): number {
  let rank = 0;
  for (const t of terms) {
    if (/^\d+$/.test(t)) {
      // Digits match inside numbers: a phone tail, part of a house number.
      if (text.includes(` ${t} `)) continue;
      if (!text.includes(t)) return -1;
      rank = 1;
    } else {
      if (text.includes(` ${t} `)) continue;
      if (!text.includes(` ${t}`)) return -1;
      rank = 1;
    }
  }
  return rank;
}

// Vietnamese name order per input array, computed once (Intl.Collator is the slow part) and reused per keystroke.
const orderCache = new WeakMap<readonly HouseholdSummary[], Map<HouseholdSummary, number>>();
function nameOrder(summaries: readonly HouseholdSummary[]): Map<HouseholdSummary, number> {
  let order = orderCache.get(summaries);
  if (!order) {
    // Decorate once (given name, clean full name), then compare with the Vietnamese collator.
    const keyed = summaries.map((s) => ({ s, given: givenName(s.label), full: cleanText(s.label) }));
    const c = viCollator(); // same order as compareViNames (given name, then full name), on precomputed keys
    keyed.sort((a, b) => c.compare(a.given, b.given) || c.compare(a.full, b.full) || (a.s.houseNo < b.s.houseNo ? -1 : a.s.houseNo > b.s.houseNo ? 1 : 0));
    order = new Map(keyed.map((k, i) => [k.s, i]));
    orderCache.set(summaries, order);
  }
  return order;
}

export function passesFilters(s: HouseholdSummary, f: SearchFilters): boolean {
  if (f.notVisited && s.visitedEver) return false;
  if (f.needsFollowUp && !s.nextFollowUp) return false;
  if (f.priority?.length && !f.priority.some((k) => s.priority[k])) return false;
  return true;
}

/**
 * Matching households: whole-word matches first, then by given name the Vietnamese way — or, when only those
 * needing a return visit are shown, by the date owed (earliest, the most overdue, first), then by name; those visited
 * after their date with no new one ("chưa hẹn ngày", follow-up.ts) come after every dated one.
 */
export function searchHouseholds(summaries: readonly HouseholdSummary[], query: string, filters: SearchFilters = {}): HouseholdSummary[] {
  const terms = queryTerms(query);
  const alt = terms.length === 1 ? otherPhoneForm(terms[0]!) : null;
  const order = nameOrder(summaries);
  const hits: { s: HouseholdSummary; key: number }[] = [];
  for (const s of summaries) {
    if (!passesFilters(s, filters)) continue;
    let rank = terms.length ? matchRank(s.searchText, terms) : 0;
    if (rank !== 0 && alt !== null) {
      const other = matchRank(s.searchText, [alt]);
      if (other >= 0 && (rank < 0 || other < rank)) rank = other;
    }
    if (rank < 0) continue;
    hits.push({ s, key: rank * summaries.length + order.get(s)! });
  }
  if (!filters.needsFollowUp) {
    hits.sort((a, b) => a.key - b.key);
    return hits.map((h) => h.s);
  }
  // Once per hit, not per comparison: match rank, then dated before "chưa hẹn ngày", then the date, then the name.
  const n = summaries.length;
  const owed = hits.map(({ s, key }) => ({ s, key, rank: Math.floor(key / n), late: visitedAfter(s.nextFollowUp!, s.lastVisitAt) ? 1 : 0, date: s.nextFollowUp! }));
  owed.sort((a, b) => a.rank - b.rank || a.late - b.late || (a.date < b.date ? -1 : a.date > b.date ? 1 : 0) || a.key - b.key);
  return owed.map((h) => h.s);
}
