/**
 * Per-hamlet accumulators for the period figures. Item outcomes are counted in typed arrays (item × outcome) and
 * written into the ScopeCounts once at the end; the commune row is the sum of the hamlet rows for every household
 * figure (each household is in exactly one hamlet), so each household is added once, not once per scope.
 * Active volunteers are not additive (one person visits in several hamlets): the commune's is the union of sets.
 */
import { ITEM_KEYS, OUTCOMES } from '../catalogue';
import type { ScopeCounts } from './counts';

export const ITEM_COUNT = ITEM_KEYS.length;
export const OUTCOME_COUNT = OUTCOMES.length;

export interface HamletTally {
  scope: ScopeCounts;
  /** Cells by latest outcome at the end of the period: [item index × OUTCOME_COUNT + outcome index]. */
  state: Int32Array;
  /** Cells by latest outcome within the period, same layout. */
  inPeriod: Int32Array;
  /** Member codes (PreparedVisits.member) of those who visited in the period. */
  volunteers: Set<number>;
}

export const newTally = (scope: ScopeCounts): HamletTally => ({
  scope, state: new Int32Array(ITEM_COUNT * OUTCOME_COUNT), inPeriod: new Int32Array(ITEM_COUNT * OUTCOME_COUNT), volunteers: new Set(),
});

function addCounts<T extends object>(into: T, from: T): void {
  const a = into as Record<string, number>, b = from as Record<string, number>;
  for (const k in b) a[k] = a[k]! + b[k]!;
}

/** Writes each hamlet's item counts and volunteers into its row, and adds every hamlet row into the commune's. */
export function closeTallies(tallies: Iterable<HamletTally>, commune: ScopeCounts): void {
  const communeState = new Int32Array(ITEM_COUNT * OUTCOME_COUNT), communeInPeriod = new Int32Array(ITEM_COUNT * OUTCOME_COUNT);
  const allVolunteers = new Set<number>();
  for (const t of tallies) {
    const s = t.scope;
    for (let i = 0; i < ITEM_COUNT; i++) {
      const counts = s.items[ITEM_KEYS[i]!]!;
      for (let o = 0; o < OUTCOME_COUNT; o++) {
        const k = i * OUTCOME_COUNT + o;
        counts.state[OUTCOMES[o]!] += t.state[k]!;
        counts.inPeriod[OUTCOMES[o]!] += t.inPeriod[k]!;
        communeState[k] = communeState[k]! + t.state[k]!;
        communeInPeriod[k] = communeInPeriod[k]! + t.inPeriod[k]!;
      }
    }
    s.visits.activeVolunteers = t.volunteers.size;
    for (const m of t.volunteers) allVolunteers.add(m);
    addCounts(commune.households, s.households);
    addCounts(commune.people, s.people);
    commune.visits.inPeriod += s.visits.inPeriod;
    addCounts(commune.followUps, s.followUps);
  }
  for (let i = 0; i < ITEM_COUNT; i++) {
    const counts = commune.items[ITEM_KEYS[i]!]!;
    for (let o = 0; o < OUTCOME_COUNT; o++) {
      counts.state[OUTCOMES[o]!] += communeState[i * OUTCOME_COUNT + o]!;
      counts.inPeriod[OUTCOMES[o]!] += communeInPeriod[i * OUTCOME_COUNT + o]!;
    }
  }
  commune.visits.activeVolunteers = allVolunteers.size;
}
