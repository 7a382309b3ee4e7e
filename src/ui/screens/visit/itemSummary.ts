/**
 * What a folded checklist card says in its header: the outcomes chosen at this visit (per person) and what earlier
 * visits left (who already has it, who still needs help). Pure, so it is unit-tested without a browser.
 */
import type { VisitInput } from '../../../data';
import type { Outcome } from '../../../shared/catalogue';
import { cellKey, type ItemState } from '../../../shared/state';
import type { MessageKey } from '../../i18n';
import { cellOf } from './visitModel';

/** Short outcome labels for the 3×2 grid and the card summary; the full wording stays in OUTCOME_LABELS. */
export const OUTCOME_SHORT: Record<Outcome, MessageKey> = {
  had: 'outcome.short.had', guided: 'outcome.short.guided', done: 'outcome.short.done',
  needs_help: 'outcome.short.needs_help', not_needed: 'outcome.short.not_needed', declined: 'outcome.short.declined',
};

/** One row of the card: a person (or the household, id null and no name). */
export interface Who {
  id: string | null;
  who: string;
}

export interface Chosen {
  who: string;
  outcome: Outcome;
  details: string[];
}

/** This visit's choices for one item, in the order people are listed. */
export function chosenFor(draft: VisitInput, item: string, people: readonly Who[]): Chosen[] {
  return people.flatMap((p) => {
    const c = cellOf(draft, item, p.id);
    return c ? [{ who: p.who, outcome: c.outcome as Outcome, details: c.details }] : [];
  });
}

/** Earlier visits: "has it" = had it already or done with our help; "needs help" = still open. */
export function earlierFor(state: ReadonlyMap<string, ItemState>, item: string, people: readonly Who[]): { has: string[]; needsHelp: string[] } {
  const has: string[] = [];
  const needsHelp: string[] = [];
  for (const p of people) {
    const s = state.get(cellKey(item, p.id));
    if (s?.outcome === 'had' || s?.outcome === 'done') has.push(p.who);
    else if (s?.outcome === 'needs_help') needsHelp.push(p.who);
  }
  return { has, needsHelp };
}
