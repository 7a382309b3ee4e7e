/**
 * Where each effective visit falls relative to the report's window, worked out once for all 50,000 visits in one
 * tight loop over typed arrays, before the per-household pass. Why: on a cold JIT (a fresh worker computes the
 * dashboard once) every time read in the per-household code is a boxed double and a comparison run by the
 * interpreter; this loop is small enough to be optimised within its first thousand iterations, and the pass then
 * reads one small integer per visit.
 */
import type { HouseholdWindow } from './households';
import type { PreparedVisits } from './prepared';

/** Before `now` (counts for "as of today": follow-ups, open needs). */
export const BEFORE_NOW = 1;
/** Before the end of the period (counts for the state at the end of the period, "ever visited"). */
export const BEFORE_END = 2;
/** Within the period. */
export const WITHIN = 4;
/** Before `now` and not before the stale limit: the household was visited recently. */
export const RECENT = 8;

/** Flags per position of `x.orig` (a malformed time, NaN, gets none). */
export function visitFlags(x: Pick<PreparedVisits, 'ms' | 'orig'>, w: HouseholdWindow): Uint8Array {
  const { ms, orig } = x, n = orig.length, out = new Uint8Array(n);
  const { nowMs, endMs, startMs, staleSinceMs } = w;
  for (let k = 0; k < n; k++) {
    const t = ms[orig[k]!]!;
    let f = 0;
    if (t < nowMs) f = t >= staleSinceMs ? BEFORE_NOW | RECENT : BEFORE_NOW;
    if (t < endMs) f |= t >= startMs ? BEFORE_END | WITHIN : BEFORE_END;
    out[k] = f;
  }
  return out;
}
