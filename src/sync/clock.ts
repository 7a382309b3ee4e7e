/**
 * A phone whose date was wrong (a year ahead, after a flat battery or a slip in the settings) stamps its changes in
 * the future, and the server refuses every change stamped more than a day ahead of its own clock (HLC_MAX_DRIFT_MS):
 * a wrong date must not win every later edit. Once the date is put right those changes would stay refused for good,
 * so the run checks the phone's clock against the server's, and only when they agree does the store give such items
 * a fresh stamp and queue them again (`restampFuture`), with whatever this run had refused after them; the run then
 * pushes once more.
 * Why only then: a phone whose date is now wrong the other way (1970 after a reset) must not stamp real edits into
 * the distant past, where every other write would beat them.
 */
import { HLC_MAX_DRIFT_MS } from '../shared/hlc';
import { pushAll } from './push';
import type { SyncRun } from './run';
import type { Credentials } from './store';

/** Fresh stamps from a clock this close to the server's are accepted with room to spare, and are not in the past. */
export const CLOCK_AGREES_MS = HLC_MAX_DRIFT_MS / 2;

export function clockAgrees(serverSkewMs: number | undefined): boolean {
  return serverSkewMs !== undefined && Math.abs(serverSkewMs) <= CLOCK_AGREES_MS;
}

/** After push and pull: re-stamps what a wrong date left refused, and sends it. Returns how many were re-stamped. */
export async function resendWrongClock(run: SyncRun, creds: Credentials): Promise<number> {
  const { store } = run.deps;
  if (!store.restampFuture || !clockAgrees(run.serverSkewMs)) return 0;
  if ((await store.credentials())?.token !== creds.token) return 0; // forgotten or enrolled again during the run
  // Items refused in this run may have been refused only because of a re-stamped one (a visit to its household).
  const requeued = await store.restampFuture(run.deps.now(), [...run.refused]);
  if (requeued.length === 0) return 0;
  for (const seq of requeued) run.refused.delete(seq);
  run.emit({ phase: 'push', toSend: run.progress.toSend + requeued.length });
  await pushAll(run, creds);
  return requeued.length;
}
