import { describe, expect, it } from 'vitest';
import {
  addDays, customPeriod, lastMonths, monthPeriod, periodBounds, periodLabel, quarterPeriod, thisMonth, thisQuarter, vnDate, vnMidnightMs,
} from '../../src/shared/report';

describe('report periods in Vietnam time', () => {
  it('puts 23:30 VN on the last day in that month and 00:30 VN on the 1st in the next', () => {
    const jan = periodBounds(monthPeriod(2026, 1));
    const lateJan = Date.parse('2026-01-31T16:30:00Z');
    const earlyFeb = Date.parse('2026-01-31T17:30:00Z');
    expect(lateJan >= jan.startMs && lateJan < jan.endMs).toBe(true);
    expect(earlyFeb < jan.endMs).toBe(false);
    expect(vnDate(lateJan)).toBe('2026-01-31');
    expect(vnDate('2026-01-31T17:30:00Z')).toBe('2026-02-01');
    expect(jan.startMs).toBe(Date.parse('2025-12-31T17:00:00Z'));
    expect(jan.endMs).toBe(Date.parse('2026-01-31T17:00:00Z'));
  });
  it('knows month lengths, leap years and quarters', () => {
    expect(monthPeriod(2028, 2)).toEqual({ kind: 'month', from: '2028-02-01', to: '2028-02-29' });
    expect(monthPeriod(2026, 2).to).toBe('2026-02-28');
    expect(monthPeriod(2026, 12).to).toBe('2026-12-31');
    expect(quarterPeriod(2026, 1)).toEqual({ kind: 'quarter', from: '2026-01-01', to: '2026-03-31' });
    expect(quarterPeriod(2026, 4)).toEqual({ kind: 'quarter', from: '2026-10-01', to: '2026-12-31' });
  });
  it('chooses this month and quarter by the Vietnam calendar, not UTC', () => {
    const now = Date.parse('2026-03-31T18:00:00Z'); // 01:00 on 1 April in Vietnam
    expect(thisMonth(now).from).toBe('2026-04-01');
    expect(thisQuarter(now)).toEqual(quarterPeriod(2026, 2));
  });
  it('lists the last months oldest first across a year boundary', () => {
    const months = lastMonths(Date.parse('2026-02-10T03:00:00Z'), 4).map((p) => p.from);
    expect(months).toEqual(['2025-11-01', '2025-12-01', '2026-01-01', '2026-02-01']);
  });
  it('labels periods in Vietnamese and accepts custom dates in either order', () => {
    expect(periodLabel(monthPeriod(2026, 1))).toBe('Tháng 01/2026');
    expect(periodLabel(quarterPeriod(2026, 3))).toBe('Quý III/2026');
    expect(periodLabel(monthPeriod(2026, 1), 'en')).toBe('Month 01/2026'); // the English UI; exports stay Vietnamese
    expect(periodLabel(quarterPeriod(2026, 3), 'en')).toBe('Quarter III/2026');
    expect(customPeriod('2026-02-15', '2026-01-01')).toEqual({ kind: 'custom', from: '2026-01-01', to: '2026-02-15' });
    expect(customPeriod('2026-13-99x', '2026-01-01')).toBeNull();
    // A date input half typed ("0026" on the way to 2026) is not a period; years below 100 are not 1900–1999.
    expect(customPeriod('2026-01-01', '0026-01-31')).toBeNull();
    expect(vnMidnightMs('0099-12-31')).not.toBe(vnMidnightMs('1999-12-31'));
    expect(vnMidnightMs('0099-12-31')).toBe(Date.parse('0099-12-30T17:00:00Z'));
    expect(addDays('2026-02-27', 2)).toBe('2026-03-01');
    expect(addDays('2026-03-01', -1)).toBe('2026-02-28');
  });
});
