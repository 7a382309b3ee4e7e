/** Vietnam's calendar date of an instant: UTC+7 all year, no daylight saving. Tiny on purpose: the first route uses it. */
import { VIETNAM_OFFSET_MS } from './limits';

/** Calendar date in Vietnam ("2026-01-31") of an instant (ms or ISO date-time with offset). */
export function vnDate(at: number | string): string {
  const ms = typeof at === 'number' ? at : Date.parse(at);
  return new Date(ms + VIETNAM_OFFSET_MS).toISOString().slice(0, 10);
}
