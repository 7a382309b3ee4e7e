/** The folded visit card's header: this visit's choices per person, and what earlier visits left. */
import { describe, expect, it } from 'vitest';
import { chosenFor, earlierFor, OUTCOME_SHORT } from '../../src/ui/screens/visit/itemSummary';
import { setDetails, setOutcome } from '../../src/ui/screens/visit/visitModel';
import { OUTCOMES } from '../../src/shared/catalogue';
import { cellKey, type ItemState } from '../../src/shared/state';
import { viScreens } from '../../src/ui/i18n/vi-screens';
import type { VisitInput } from '../../src/data';

const empty = (): VisitInput => ({ householdId: 'h', kind: 'home', outcomes: [], notes: '', followUpOn: null });
const people = [{ id: 'p1', who: 'Ban' }, { id: 'p2', who: 'Pọm' }, { id: 'p3', who: 'Lan' }];
const st = (item: string, personId: string | null, outcome: ItemState['outcome']): [string, ItemState] =>
  [cellKey(item, personId), { item, personId, outcome, details: [], other: '', visitId: 'v', at: '2026-11-01T00:00:00Z' }];

describe('visit card summary', () => {
  it('lists this visit’s choices in the order people are listed, with details', () => {
    let d = setOutcome(empty(), 'e_wallet', 'p2', 'guided');
    d = setOutcome(d, 'e_wallet', 'p1', 'done');
    d = setDetails(d, 'e_wallet', 'p1', ['momo']);
    d = setOutcome(d, 'bank_account', 'p3', 'declined');
    expect(chosenFor(d, 'e_wallet', people)).toEqual([
      { who: 'Ban', outcome: 'done', details: ['momo'] },
      { who: 'Pọm', outcome: 'guided', details: [] },
    ]);
    expect(chosenFor(empty(), 'e_wallet', people)).toEqual([]);
  });

  it('says who already has the item and who still needs help from earlier visits', () => {
    const state = new Map([st('vneid_l1', 'p1', 'had'), st('vneid_l1', 'p2', 'done'), st('vneid_l1', 'p3', 'needs_help'), st('bank_account', 'p1', 'declined')]);
    expect(earlierFor(state, 'vneid_l1', people)).toEqual({ has: ['Ban', 'Pọm'], needsHelp: ['Lan'] });
    expect(earlierFor(state, 'bank_account', people)).toEqual({ has: [], needsHelp: [] });
    const hh = new Map([st('fraud_safety', null, 'done')]);
    expect(earlierFor(hh, 'fraud_safety', [{ id: null, who: '' }]).has).toEqual(['']);
  });

  it('has a short Vietnamese label for every outcome', () => {
    for (const o of OUTCOMES) expect((viScreens as Record<string, string>)[OUTCOME_SHORT[o]]).toBeTruthy();
    expect((viScreens as Record<string, string>)[OUTCOME_SHORT.had]).toBe('Có sẵn');
  });
});
