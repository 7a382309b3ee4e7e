/**
 * What the page calls to sync: one run now, and the policy of when to run — on app open, when the browser says
 * it is online again, when the app comes back to the foreground, and after a failure with backoff. The browser's
 * online flag is only a hint to try now; a failed try backs off instead of trusting it.
 */
import { syncInWorker } from '../worker/bridge';
import { backoffDelayMs } from './backoff';
import type { SyncProgress, SyncResult } from './engine';

export type { SyncProgress, SyncResult } from './engine';
export { lastSyncReceipt, lastSyncError } from '../data/sync-state';

let running: Promise<SyncResult> | null = null;

/** One sync run in the worker; concurrent calls share the run in progress. */
export function startSync(onProgress: (p: SyncProgress) => void = () => {}): Promise<SyncResult> {
  running ??= syncInWorker(onProgress).finally(() => { running = null; });
  return running;
}

export interface AutoSyncOptions {
  /** How to run one sync (e.g. the UI's own wrapper that mirrors progress); defaults to startSync. */
  run?: () => Promise<SyncResult | null>;
  random?: () => number;
}

/** Starts automatic sync; returns a function that stops it. */
export function syncOnOpenAndReconnect(opts: AutoSyncOptions = {}): () => void {
  const run = opts.run ?? (() => startSync());
  const random = opts.random ?? Math.random;
  let attempt = 0;
  let timer: ReturnType<typeof setTimeout> | undefined;
  let stopped = false;

  const tryNow = async () => {
    if (stopped) return;
    clearTimeout(timer);
    timer = undefined;
    let result: SyncResult | null = null;
    try { result = await run(); } catch { result = { ok: false, problem: 'offline' }; }
    if (stopped || !result || result.ok || result.skipped) { attempt = 0; return; }
    // The volunteer must act (new code); retrying would only hammer the server.
    if (result.problem === 'unauthorized' || result.problem === 'forbidden') return;
    attempt++;
    timer = setTimeout(() => void tryNow(), backoffDelayMs(attempt, random()));
  };
  const onOnline = () => { attempt = 0; void tryNow(); };
  const onVisible = () => { if (document.visibilityState === 'visible' && timer === undefined) void tryNow(); };

  addEventListener('online', onOnline);
  document.addEventListener('visibilitychange', onVisible);
  void tryNow();
  return () => {
    stopped = true;
    clearTimeout(timer);
    removeEventListener('online', onOnline);
    document.removeEventListener('visibilitychange', onVisible);
  };
}
