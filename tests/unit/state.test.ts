import { describe, expect, it } from 'vitest';
import { cellKey, householdState, nextFollowUp } from '../../src/shared/state';
import type { Visit } from '../../src/shared/schema';

const P1 = '01900000-0000-7000-8000-000000000001';
const P2 = '01900000-0000-7000-8000-000000000002';
let n = 0;
function visit(at: string, outcomes: Visit['outcomes'], extra: Partial<Visit> = {}): Visit {
  n += 1;
  return {
    id: `01900000-0000-7000-8000-${String(n).padStart(12, '0')}`, householdId: P1, hamletId: P1, memberId: P1, at, kind: 'home',
    outcomes, notes: '', followUpOn: null, catalogueVersion: 1, amends: null, ...extra,
  };
}
const o = (item: string, personId: string | null, outcome: Visit['outcomes'][number]['outcome']) => ({ item, personId, outcome, details: [], other: '' });

describe('householdState', () => {
  it('is empty without visits', () => {
    expect(householdState([]).size).toBe(0);
    expect(nextFollowUp([])).toBeNull();
  });
  it('keeps the latest outcome per item and person, whatever the input order', () => {
    const v1 = visit('2026-03-01T08:00:00+07:00', [o('vneid_l1', P1, 'guided'), o('vneid_l1', P2, 'had'), o('fraud_safety', null, 'done')]);
    const v2 = visit('2026-03-10T08:00:00+07:00', [o('vneid_l1', P1, 'done')]);
    for (const order of [[v1, v2], [v2, v1]]) {
      const s = householdState(order);
      expect(s.get(cellKey('vneid_l1', P1))?.outcome).toBe('done');
      expect(s.get(cellKey('vneid_l1', P2))?.outcome).toBe('had');
      expect(s.get(cellKey('fraud_safety', null))?.outcome).toBe('done');
      expect(s.size).toBe(3);
    }
  });
  it('orders by instant, not by the text of the time zone', () => {
    const early = visit('2026-03-01T23:00:00+07:00', [o('bank_account', P1, 'needs_help')]); // 16:00Z
    const late = visit('2026-03-01T17:00:00Z', [o('bank_account', P1, 'done')]);
    expect(householdState([late, early]).get(cellKey('bank_account', P1))?.outcome).toBe('done');
  });
  it('lets an amendment replace the amended visit at its original time', () => {
    const v1 = visit('2026-03-01T08:00:00+07:00', [o('e_wallet', P1, 'done')]);
    const v2 = visit('2026-03-05T08:00:00+07:00', [o('e_wallet', P1, 'needs_help')], { followUpOn: '2026-03-20' });
    const fix = visit('2026-03-09T08:00:00+07:00', [o('e_wallet', P1, 'declined')], { amends: v1.id });
    const s = householdState([v1, v2, fix]);
    expect(s.get(cellKey('e_wallet', P1))?.outcome).toBe('needs_help');
    const fix2 = visit('2026-03-09T09:00:00+07:00', [o('e_wallet', P1, 'guided')], { amends: v2.id });
    expect(householdState([v1, v2, fix, fix2]).get(cellKey('e_wallet', P1))?.outcome).toBe('guided');
  });
  it('reports the follow-up date only while something still needs help', () => {
    const v1 = visit('2026-03-01T08:00:00+07:00', [o('mobile_banking', P1, 'needs_help')], { followUpOn: '2026-03-15' });
    expect(nextFollowUp([v1])).toBe('2026-03-15');
    const v2 = visit('2026-03-15T08:00:00+07:00', [o('mobile_banking', P1, 'done')]);
    expect(nextFollowUp([v1, v2])).toBeNull();
  });
});
