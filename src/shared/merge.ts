/**
 * Field-level last-writer-wins for households and persons, ordered by HLC. Pure: the server applies puts with
 * `applyPut` (and records conflicts); devices reconcile pulled state with their own unsynced edits with
 * `mergeStates`. Values converge whatever the order of arrival, because each field keeps the value of its highest HLC.
 */
import { compareHlc } from './hlc';
import type { FieldConflict } from './schema';

export interface LwwState<F extends object> {
  id: string;
  hlc: Record<string, string>;
  conflicts: FieldConflict[];
  fields: F;
}

export interface PutInput<F extends object> {
  fields: Partial<F>;
  /** HLC of each field as the editing device saw it; a mismatch means someone else changed it meanwhile. */
  base: Partial<Record<string, string | null>>;
  hlc: string;
}

function sameValue(a: unknown, b: unknown): boolean {
  return JSON.stringify(a) === JSON.stringify(b);
}

/** Applies one put. Returns the next state and the conflicts it raised (also appended to state.conflicts). */
export function applyPut<F extends object>(state: LwwState<F>, put: PutInput<F>): { next: LwwState<F>; raised: FieldConflict[] } {
  const fields = { ...state.fields } as Record<string, unknown>;
  const hlc = { ...state.hlc };
  const raised: FieldConflict[] = [];
  for (const [field, value] of Object.entries(put.fields)) {
    if (value === undefined) continue;
    const current = hlc[field];
    const order = current === undefined ? 1 : compareHlc(put.hlc, current);
    if (order === 0) continue; // the same write again
    const concurrent = current !== undefined && (put.base[field] ?? null) !== current && !sameValue(value, fields[field]);
    if (order > 0) {
      if (concurrent) raised.push({ field, kept: value, keptHlc: put.hlc, lost: fields[field], lostHlc: current! });
      fields[field] = value;
      hlc[field] = put.hlc;
    } else if (concurrent) {
      raised.push({ field, kept: fields[field], keptHlc: current!, lost: value, lostHlc: put.hlc });
    }
  }
  const conflicts = [...state.conflicts.filter((c) => !raised.some((r) => r.field === c.field)), ...raised];
  return { next: { id: state.id, fields: fields as F, hlc, conflicts }, raised };
}

/** Reconciles two copies of one entity: each field takes the value with the higher HLC. Conflicts come from `remote`
 *  (the server is the one place that sees every write and decides what was concurrent). */
export function mergeStates<F extends object>(local: LwwState<F>, remote: LwwState<F>): LwwState<F> {
  const fields = { ...remote.fields } as Record<string, unknown>;
  const hlc = { ...remote.hlc };
  for (const [field, localHlc] of Object.entries(local.hlc)) {
    const remoteHlc = remote.hlc[field];
    if (remoteHlc === undefined || compareHlc(localHlc, remoteHlc) > 0) {
      fields[field] = (local.fields as Record<string, unknown>)[field];
      hlc[field] = localHlc;
    }
  }
  return { id: remote.id, fields: fields as F, hlc, conflicts: remote.conflicts };
}

/** Removes the flag of one field once a leader has looked at it. */
export function resolveConflict<F extends object>(state: LwwState<F>, field: string): LwwState<F> {
  return { ...state, conflicts: state.conflicts.filter((c) => c.field !== field) };
}
