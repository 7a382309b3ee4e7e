/** An open follow-up: upcoming, overdue, or kept (visited on or after the date) with no new date. */
import { describe, expect, it } from 'vitest';
import { followUpStatus } from '../../src/ui/lib/follow-up';

describe('followUpStatus', () => {
  const today = '2026-11-26';
  it('is upcoming or overdue by the Vietnamese calendar when nobody came since', () => {
    expect(followUpStatus('2026-11-30', '2026-11-01T03:00:00.000Z', today)).toBe('upcoming');
    expect(followUpStatus('2026-11-10', '2026-11-01T03:00:00.000Z', today)).toBe('overdue');
    expect(followUpStatus('2026-11-26', null, today)).toBe('overdue');
  });
  it('is "no date yet" once a visit on or after the date set no new one (not a red overdue beside that visit)', () => {
    expect(followUpStatus('2026-11-10', '2026-11-19T03:00:00.000Z', today)).toBe('undated');
    // 23:30 on 9 November in Vietnam is 16:30Z: still before the date, so overdue.
    expect(followUpStatus('2026-11-10', '2026-11-09T16:30:00.000Z', today)).toBe('overdue');
    expect(followUpStatus('2026-11-10', '2026-11-09T17:30:00.000Z', today)).toBe('undated');
  });
});
