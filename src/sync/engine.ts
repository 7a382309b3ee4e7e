/**
 * The sync engine: push the outbox in adaptive batches, then pull pages until the server has nothing more; then, if
 * the phone's date is right again, send what a wrong date had got refused (clock.ts).
 * Resumable by construction: the outbox is durable and only acknowledged items leave it; the pull cursor is
 * stored with each applied page. A cut connection at any point is retried; pushes are idempotent by mutation id.
 * Everything it touches is injected (store, fetch, clock, sleep, random) so tests can drive it in Node.
 */
import { SYNC_MESSAGES, type SyncProblem } from './messages';
import { pushAll } from './push';
import { pullAll } from './pull';
import { resendWrongClock } from './clock';
import { SyncRun, SyncStop, type SyncDeps, type SyncProgress } from './run';
import type { SyncReceiptData } from './store';

export type { SyncDeps, SyncProgress, SyncPhase } from './run';

export interface SyncResult {
  ok: boolean;
  /** Not enrolled: nothing was tried. */
  skipped?: boolean;
  problem?: SyncProblem;
  receipt?: SyncReceiptData;
}

export async function runSync(deps: SyncDeps, onProgress: (p: SyncProgress) => void = () => {}): Promise<SyncResult> {
  const { store } = deps;
  const started = deps.now();
  const creds = await store.credentials();
  if (!creds) return { ok: false, skipped: true, problem: 'not_enrolled' };
  const run = new SyncRun(deps, onProgress);
  let problem: SyncProblem | undefined;
  try {
    run.emit({ phase: 'push', toSend: await store.pendingCount() });
    await pushAll(run, creds);
    run.emit({ phase: 'pull' });
    await pullAll(run, creds);
    await resendWrongClock(run, creds);
  } catch (e) {
    // Anything else comes from local storage (quota, a closed database): report it, keep the outbox as it is.
    problem = e instanceof SyncStop ? e.problem : 'storage';
  }
  const p = run.progress;
  const receipt: SyncReceiptData = {
    at: new Date(deps.now()).toISOString(), ok: !problem, durationMs: Math.max(0, deps.now() - started),
    sent: run.sentByKind, rejected: run.refused.size, received: p.received, bytesSent: p.bytesSent, bytesReceived: p.bytesReceived,
    ...(run.serverSkewMs !== undefined ? { serverSkewMs: Math.round(run.serverSkewMs) } : {}),
  };
  // A failed run that moved nothing keeps the last useful receipt ("142 lượt thăm đã gửi lúc 16:05").
  try {
    if (!problem || p.sent > 0 || p.received > 0) await store.saveReceipt(receipt);
    await store.saveError(problem ? { at: receipt.at, ...SYNC_MESSAGES[problem] } : null);
  } catch {
    problem ??= 'storage';
  }
  if (problem) {
    run.emit({ phase: 'error', problem });
    return { ok: false, problem, receipt };
  }
  run.emit({ phase: 'done' });
  return { ok: true, receipt };
}
