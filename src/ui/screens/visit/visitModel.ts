/** Pure helpers for the visit form: reading and changing one (item, person) cell of a draft. */
import type { VisitInput } from '../../../data';
import type { Outcome } from '../../../shared/catalogue';
import type { VisitOutcome } from '../../../shared/schema';

export const sameCell = (o: VisitOutcome, item: string, personId: string | null) => o.item === item && o.personId === personId;

export function cellOf(draft: VisitInput, item: string, personId: string | null): VisitOutcome | undefined {
  return draft.outcomes.find((o) => sameCell(o, item, personId));
}

/** Sets (or with null clears) the outcome of a cell; details chosen earlier stay with it. */
export function setOutcome(draft: VisitInput, item: string, personId: string | null, outcome: Outcome | null): VisitInput {
  const rest = draft.outcomes.filter((o) => !sameCell(o, item, personId));
  if (!outcome) return { ...draft, outcomes: rest };
  const prev = cellOf(draft, item, personId);
  return { ...draft, outcomes: [...rest, { item, personId, outcome, details: prev?.details ?? [], other: prev?.other ?? '' }] };
}

export function setDetails(draft: VisitInput, item: string, personId: string | null, details: string[]): VisitInput {
  return { ...draft, outcomes: draft.outcomes.map((o) => (sameCell(o, item, personId) ? { ...o, details } : o)) };
}

export const needsFollowUp = (draft: VisitInput): boolean => draft.outcomes.some((o) => o.outcome === 'needs_help');

/**
 * The draft as the form shows it: only cells that have a row on screen now. A draft kept since yesterday may hold a
 * choice made for "the household" before its members were added, or for a member since removed; the form shows
 * neither (nor an item for producers once the household is no longer one), so none may demand a follow-up date nor
 * be saved unseen. `items`: the items on screen, with whether each is asked per person.
 */
export function shownCells(draft: VisitInput, personIds: readonly string[], items: readonly { key: string; scope: string }[]): VisitInput {
  const people = new Set(personIds);
  const scope = new Map(items.map((i) => [i.key, i.scope]));
  const shown = draft.outcomes.filter((o) => scope.has(o.item)
    && (scope.get(o.item) === 'person' && people.size > 0 ? o.personId !== null && people.has(o.personId) : o.personId === null));
  return shown.length === draft.outcomes.length ? draft : { ...draft, outcomes: shown };
}
