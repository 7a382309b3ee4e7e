/**
 * Exponential backoff with jitter. Village links drop for minutes; many phones retrying in lockstep at the
 * cultural house would hammer the server, so each delay is spread between half and all of the exponential step.
 */
import { BACKOFF_BASE_MS, BACKOFF_MAX_MS } from '../shared/limits';

/** Delay before retry number `attempt` (1-based); `random` in [0, 1). */
export function backoffDelayMs(attempt: number, random: number, baseMs = BACKOFF_BASE_MS, maxMs = BACKOFF_MAX_MS): number {
  const step = Math.min(maxMs, baseMs * 2 ** Math.max(0, Math.min(attempt - 1, 30)));
  const r = Math.min(Math.max(random, 0), 1);
  return Math.round(step / 2 + (step / 2) * r);
}
