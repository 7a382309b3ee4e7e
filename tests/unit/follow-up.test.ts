/** An open follow-up: upcoming (today included), overdue (before today), or kept by a later visit with no new date. */
import { describe, expect, it } from 'vitest';
import { followUpStatus } from '../../src/shared/follow-up';

describe('followUpStatus', () => {
  const today = '2026-11-26';
  it('is upcoming until the day itself and overdue after it, by the Vietnamese calendar, when nobody came since', () => {
    expect(followUpStatus('2026-11-30', '2026-11-01T03:00:00.000Z', today)).toBe('upcoming');
    expect(followUpStatus('2026-11-26', null, today)).toBe('upcoming'); // due today: not yet late
    expect(followUpStatus('2026-11-10', '2026-11-01T03:00:00.000Z', today)).toBe('overdue');
  });
  it('stays as set by the visit that set it, even for that same day', () => {
    expect(followUpStatus('2026-11-26', '2026-11-26T02:00:00.000Z', today)).toBe('upcoming');
  });
  it('is "no date yet" once a visit on a later day set no new one (not a red overdue beside that visit)', () => {
    expect(followUpStatus('2026-11-10', '2026-11-19T03:00:00.000Z', today)).toBe('undated');
    // 00:30 on 11 November in Vietnam is 17:30Z on the 10th: a later day there.
    expect(followUpStatus('2026-11-10', '2026-11-10T17:30:00.000Z', today)).toBe('undated');
    expect(followUpStatus('2026-11-10', '2026-11-10T16:30:00.000Z', today)).toBe('overdue');
  });
});
