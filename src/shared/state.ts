/**
 * A household's current state per checklist item, derived from its visits (never typed twice): for each
 * (item, person) the latest outcome. Visits are ordered by time, then by id (UUIDv7 is time-ordered).
 * An amendment replaces the outcomes of the visit it amends, at the amended visit's place in time.
 */
import type { Outcome } from './catalogue';
import type { Visit } from './schema';

export interface ItemState {
  item: string;
  personId: string | null;
  outcome: Outcome;
  details: string[];
  other: string;
  visitId: string;
  at: string;
}

/** Key of an (item, person) cell; household-scope items use "-" for the person. */
export const cellKey = (item: string, personId: string | null): string => `${item}|${personId ?? '-'}`;

type VisitLike = Pick<Visit, 'id' | 'at' | 'outcomes' | 'amends'>;

function byTimeThenId(a: { at: string; id: string }, b: { at: string; id: string }): number {
  const ta = Date.parse(a.at);
  const tb = Date.parse(b.at);
  return ta !== tb ? ta - tb : a.id < b.id ? -1 : a.id > b.id ? 1 : 0;
}

/**
 * The visits that count: each amended visit is replaced by its latest amendment, keeping the original's time, id and
 * visitor (a correction replaces what was recorded, not who came or when).
 */
export function effectiveVisits<V extends VisitLike>(visits: readonly V[]): V[] {
  const latestAmendment = new Map<string, V>();
  for (const v of [...visits].sort(byTimeThenId)) if (v.amends) latestAmendment.set(v.amends, v);
  return visits
    .filter((v) => !v.amends)
    .map((v) => {
      const a = latestAmendment.get(v.id);
      const who = (v as Partial<Visit>).memberId;
      return a ? { ...a, at: v.at, id: v.id, ...(who === undefined ? {} : { memberId: who }) } : v;
    })
    .sort(byTimeThenId);
}

export function householdState(visits: readonly VisitLike[]): Map<string, ItemState> {
  const state = new Map<string, ItemState>();
  for (const v of effectiveVisits(visits)) {
    for (const o of v.outcomes) {
      state.set(cellKey(o.item, o.personId), {
        item: o.item, personId: o.personId, outcome: o.outcome, details: o.details, other: o.other, visitId: v.id, at: v.at,
      });
    }
  }
  return state;
}

/** The time of the latest visit (as recorded), null when never visited: the list's "last visit" and the page's. */
export function latestVisitAt(visits: readonly Pick<Visit, 'at'>[]): string | null {
  let last: string | null = null;
  let lastMs = -Infinity;
  for (const v of visits) {
    const ms = Date.parse(v.at);
    if (last === null || ms > lastMs) { last = v.at; lastMs = ms; }
  }
  return last;
}

/** The follow-up date still open: the latest visit's follow-up if any of its cells still needs help. */
export function nextFollowUp(visits: readonly (VisitLike & Pick<Visit, 'followUpOn'>)[]): string | null {
  const state = householdState(visits);
  const open = [...state.values()].some((s) => s.outcome === 'needs_help');
  if (!open) return null;
  const dated = effectiveVisits(visits).filter((v) => v.followUpOn);
  return dated.length ? dated[dated.length - 1]!.followUpOn : null;
}
