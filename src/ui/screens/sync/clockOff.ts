/**
 * Whether the phone's clock is far enough off the server's to tell the volunteer: every visit recorded now carries
 * the phone's date (a wrong month puts it in the wrong report), and a clock more than a day fast gets changes refused.
 * Under an hour is left alone: phones without automatic time drift by minutes, and that changes no report.
 */
const HOUR_MS = 60 * 60 * 1000;
const DAY_MS = 24 * HOUR_MS;
export const CLOCK_WARN_MS = HOUR_MS;

export interface ClockOff {
  /** The phone shows a later time than the server. */
  fast: boolean;
  amount: number;
  unit: 'days' | 'hours';
}

/** `serverSkewMs`: the server's clock minus the phone's. */
export function clockOff(serverSkewMs: number | undefined): ClockOff | null {
  if (serverSkewMs === undefined || !Number.isFinite(serverSkewMs) || Math.abs(serverSkewMs) < CLOCK_WARN_MS) return null;
  const off = Math.abs(serverSkewMs);
  return off >= DAY_MS
    ? { fast: serverSkewMs < 0, amount: Math.round(off / DAY_MS), unit: 'days' }
    : { fast: serverSkewMs < 0, amount: Math.round(off / HOUR_MS), unit: 'hours' };
}
