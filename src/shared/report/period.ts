/**
 * Report periods in Vietnam time (UTC+7, no daylight saving). A period is a pair of inclusive calendar dates
 * (`from`, `to`) as people say them; its instants are [from 00:00 VN, day after `to` 00:00 VN). A visit at
 * 23:30 VN on 31 January (16:30Z) belongs to January; one at 00:30 VN on 1 February (17:30Z on 31 January) to February.
 * Pure: the caller passes `now`.
 */
import { VIETNAM_OFFSET_MS } from '../limits';
import type { ReportPeriod } from '../schema';
import { vnDate } from '../vn-date';

const DAY_MS = 24 * 60 * 60 * 1000;
const DATE_PATTERN = /^(\d{4})-(\d{2})-(\d{2})$/;

export { vnDate };

/** Instant (ms) of 00:00 Vietnam time on a calendar date; NaN for a malformed date. */
export function vnMidnightMs(date: string): number {
  const m = DATE_PATTERN.exec(date);
  if (!m) return NaN;
  // Not Date.UTC: it reads years 0–99 as 1900–1999 (so 0099-12-31 was 1999-12-31 and passed the 400-day limit).
  const d = new Date(0);
  d.setUTCFullYear(Number(m[1]), Number(m[2]) - 1, Number(m[3]));
  return d.getTime() - VIETNAM_OFFSET_MS;
}

/** [start, end) instants of a period. */
export function periodBounds(period: Pick<ReportPeriod, 'from' | 'to'>): { startMs: number; endMs: number } {
  return { startMs: vnMidnightMs(period.from), endMs: vnMidnightMs(period.to) + DAY_MS };
}

/** Date `days` after (or before, if negative) a calendar date. */
export function addDays(date: string, days: number): string {
  return new Date(vnMidnightMs(date) + VIETNAM_OFFSET_MS + days * DAY_MS).toISOString().slice(0, 10);
}

const pad = (n: number) => String(n).padStart(2, '0');
const lastDay = (year: number, month: number) => new Date(Date.UTC(year, month, 0)).getUTCDate();

/** Calendar month (1–12) as a period. */
export function monthPeriod(year: number, month: number): ReportPeriod {
  return { kind: 'month', from: `${year}-${pad(month)}-01`, to: `${year}-${pad(month)}-${pad(lastDay(year, month))}` };
}

/** Quarter (1–4) as a period. */
export function quarterPeriod(year: number, quarter: number): ReportPeriod {
  const first = (quarter - 1) * 3 + 1;
  return { kind: 'quarter', from: `${year}-${pad(first)}-01`, to: `${year}-${pad(first + 2)}-${pad(lastDay(year, first + 2))}` };
}

/** Year and month (1–12) of an instant in Vietnam time. */
export function vnYearMonth(at: number | string): { year: number; month: number } {
  const d = vnDate(at);
  return { year: Number(d.slice(0, 4)), month: Number(d.slice(5, 7)) };
}

/** The month containing `now` (Vietnam time). */
export function thisMonth(now: number): ReportPeriod {
  const { year, month } = vnYearMonth(now);
  return monthPeriod(year, month);
}

/** The quarter containing `now` (Vietnam time). */
export function thisQuarter(now: number): ReportPeriod {
  const { year, month } = vnYearMonth(now);
  return quarterPeriod(year, Math.ceil(month / 3));
}

/** The `count` months ending with the month of `now`, oldest first (for trend charts). */
export function lastMonths(now: number, count: number): ReportPeriod[] {
  const { year, month } = vnYearMonth(now);
  const out: ReportPeriod[] = [];
  for (let i = count - 1; i >= 0; i--) {
    const index = year * 12 + (month - 1) - i;
    out.push(monthPeriod(Math.floor(index / 12), (index % 12) + 1));
  }
  return out;
}

/** Custom periods start in 2000 or later: a date input half typed ("0026") is not a period to compute. */
const CUSTOM_MIN_YEAR = 2000;

/** A custom period from two dates, swapped if given backwards; null if either date is malformed or before 2000. */
export function customPeriod(from: string, to: string): ReportPeriod | null {
  if (Number.isNaN(vnMidnightMs(from)) || Number.isNaN(vnMidnightMs(to))) return null;
  if (Number(from.slice(0, 4)) < CUSTOM_MIN_YEAR || Number(to.slice(0, 4)) < CUSTOM_MIN_YEAR) return null;
  return from <= to ? { kind: 'custom', from, to } : { kind: 'custom', from: to, to: from };
}

/** "Tháng 01/2026", "Quý I/2026", "01/01/2026 – 15/02/2026". */
export function periodLabel(period: ReportPeriod, lang: 'vi' | 'en' = 'vi'): string {
  const dmy = (d: string) => `${d.slice(8, 10)}/${d.slice(5, 7)}/${d.slice(0, 4)}`;
  const [month, quarter] = lang === 'en' ? ['Month', 'Quarter'] : ['Tháng', 'Quý'];
  if (period.kind === 'month') return `${month} ${period.from.slice(5, 7)}/${period.from.slice(0, 4)}`;
  if (period.kind === 'quarter') {
    const q = Math.ceil(Number(period.from.slice(5, 7)) / 3);
    return `${quarter} ${['I', 'II', 'III', 'IV'][q - 1] ?? q}/${period.from.slice(0, 4)}`;
  }
  return `${dmy(period.from)} – ${dmy(period.to)}`;
}
