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

/** The page events the policy listens to; injectable so tests can drive it without a browser. */
export interface PageEvents {
  onOnline(cb: () => void): () => void;
  onVisible(cb: () => void): () => void;
  setTimer(cb: () => void, ms: number): unknown;
  clearTimer(handle: unknown): void;
}

const browserEvents: PageEvents = {
  onOnline(cb) {
    addEventListener('online', cb);
    return () => removeEventListener('online', cb);
  },
  onVisible(cb) {
    const listener = () => { if (document.visibilityState === 'visible') cb(); };
    document.addEventListener('visibilitychange', listener);
    return () => document.removeEventListener('visibilitychange', listener);
  },
  setTimer: (cb, ms) => setTimeout(cb, ms),
  clearTimer: (handle) => clearTimeout(handle as ReturnType<typeof setTimeout>),
};

export interface AutoSyncOptions {
  /** How to run one sync (e.g. the UI's own wrapper that mirrors progress); defaults to startSync. */
  run?: () => Promise<SyncResult | null>;
  random?: () => number;
  events?: PageEvents;
}

/** Starts automatic sync; returns a function that stops it. */
export function syncOnOpenAndReconnect(opts: AutoSyncOptions = {}): () => void {
  const run = opts.run ?? (() => startSync());
  const random = opts.random ?? Math.random;
  const events = opts.events ?? browserEvents;
  let attempt = 0;
  let timer: unknown;
  let stopped = false;

  const tryNow = async () => {
    if (stopped) return;
    if (timer !== undefined) events.clearTimer(timer);
    timer = undefined;
    let result: SyncResult | null = null;
    try { result = await run(); } catch { result = { ok: false, problem: 'offline' }; }
    if (stopped || !result || result.ok || result.skipped) { attempt = 0; return; }
    // The volunteer must act (new code); retrying would only hammer the server.
    if (result.problem === 'unauthorized' || result.problem === 'forbidden') return;
    attempt++;
    timer = events.setTimer(() => void tryNow(), backoffDelayMs(attempt, random()));
  };
  const offOnline = events.onOnline(() => { attempt = 0; void tryNow(); });
  // Back in the foreground: try unless a backoff timer is already waiting.
  const offVisible = events.onVisible(() => { if (timer === undefined) void tryNow(); });
  void tryNow();
  return () => {
    stopped = true;
    if (timer !== undefined) events.clearTimer(timer);
    offOnline();
    offVisible();
  };
}
