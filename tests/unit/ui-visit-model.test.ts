/** The visit form's pure cell logic: one outcome per (item, person), details kept, follow-up rule. */
import { describe, expect, it } from 'vitest';
import { cellOf, needsFollowUp, setDetails, setOutcome, shownCells } from '../../src/ui/screens/visit/visitModel';
import type { VisitInput } from '../../src/data';

const empty = (): VisitInput => ({ householdId: 'h', kind: 'home', outcomes: [], notes: '', followUpOn: null });

describe('visit form model', () => {
  it('sets, replaces and clears one cell without touching others', () => {
    let d = setOutcome(empty(), 'vneid_l1', 'p1', 'done');
    d = setOutcome(d, 'vneid_l1', 'p2', 'guided');
    d = setOutcome(d, 'vneid_l1', 'p1', 'had');
    expect(d.outcomes).toHaveLength(2);
    expect(cellOf(d, 'vneid_l1', 'p1')?.outcome).toBe('had');
    expect(cellOf(d, 'vneid_l1', 'p2')?.outcome).toBe('guided');
    d = setOutcome(d, 'vneid_l1', 'p1', null);
    expect(cellOf(d, 'vneid_l1', 'p1')).toBeUndefined();
    expect(d.outcomes).toHaveLength(1);
  });

  it('keeps chosen details when the outcome changes; household cells use a null person', () => {
    let d = setOutcome(empty(), 'e_wallet', 'p1', 'guided');
    d = setDetails(d, 'e_wallet', 'p1', ['momo', 'zalopay']);
    d = setOutcome(d, 'e_wallet', 'p1', 'done');
    expect(cellOf(d, 'e_wallet', 'p1')).toMatchObject({ outcome: 'done', details: ['momo', 'zalopay'] });
    d = setOutcome(d, 'fraud_safety', null, 'done');
    expect(cellOf(d, 'fraud_safety', null)?.personId).toBeNull();
    expect(cellOf(d, 'fraud_safety', 'p1')).toBeUndefined();
  });

  it('asks for a follow-up date only when something needs more help', () => {
    let d = setOutcome(empty(), 'bank_account', 'p1', 'done');
    expect(needsFollowUp(d)).toBe(false);
    d = setOutcome(d, 'fraud_safety', null, 'needs_help');
    expect(needsFollowUp(d)).toBe(true);
    expect(needsFollowUp(setOutcome(d, 'fraud_safety', null, null))).toBe(false);
  });

  it('keeps only the cells on screen: a choice made before members were added, or for a member since removed, neither demands a follow-up nor is saved', () => {
    const items = [{ key: 'vneid_l1', scope: 'person' }, { key: 'fraud_safety', scope: 'household' }];
    let d = setOutcome(empty(), 'vneid_l1', null, 'needs_help'); // chosen for the household while it had no members
    d = setOutcome(d, 'vneid_l1', 'gone', 'done'); // a member since removed
    d = setOutcome(d, 'ecommerce_sell', null, 'needs_help'); // an item for producers; the household is no longer one
    d = setOutcome(d, 'fraud_safety', null, 'done');
    // Before members: the household cell is on screen, and asks for a follow-up.
    expect(needsFollowUp(shownCells(d, [], items))).toBe(true);
    // With a member Mai (p1): only the household-level item is left, and no follow-up is asked.
    const shown = shownCells(d, ['p1'], items);
    expect(shown.outcomes.map((o) => [o.item, o.personId])).toEqual([['fraud_safety', null]]);
    expect(needsFollowUp(shown)).toBe(false);
    d = setOutcome(d, 'vneid_l1', 'p1', 'guided');
    expect(shownCells(d, ['p1'], items).outcomes.map((o) => [o.item, o.personId])).toEqual([['fraud_safety', null], ['vneid_l1', 'p1']]);
  });
});
