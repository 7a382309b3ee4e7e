/** State of one sync run: dependencies, progress counters for the screen and receipt, and the retry policy. */
import { backoffDelayMs } from './backoff';
import { type SyncProblem } from './messages';
import type { FetchFn } from './transport';
import type { SyncStore } from './store';

export type SyncPhase = 'push' | 'pull' | 'waiting' | 'done' | 'error';

export interface SyncProgress {
  phase: SyncPhase;
  /** Outbox items acknowledged or refused so far / items queued when the sync started. */
  sent: number;
  toSend: number;
  bytesSent: number;
  /** Changes pulled and applied so far. */
  received: number;
  bytesReceived: number;
  /** While waiting to retry. */
  retryInMs?: number;
  problem?: SyncProblem;
}

export interface SyncDeps {
  store: SyncStore;
  fetch: FetchFn;
  now: () => number;
  sleep: (ms: number) => Promise<void>;
  random: () => number;
  /** Per request. Village uploads are ~750 kbps: a 200-item gzip batch is a few seconds; allow slow links. */
  timeoutMs?: number;
  /** Quick retries inside one run before giving up and leaving it to the scheduler. */
  maxAttempts?: number;
  /** gzip push bodies (default true; falls back to plain JSON when the platform or server cannot). */
  compress?: boolean;
}

export const SYNC_TIMEOUT_MS = 60_000;
export const SYNC_MAX_ATTEMPTS = 4;
/** With no network at all, say so within ~3 s rather than after the full retry ladder: the volunteer is waiting
 *  at the "Đồng bộ" button, and the scheduler retries later anyway (on "online", on return, with backoff). */
export const SYNC_OFFLINE_MAX_ATTEMPTS = 3;

export class SyncStop extends Error {
  constructor(readonly problem: SyncProblem, detail?: string) {
    super(detail ?? problem);
  }
}

/** Shared run state: counters for progress and the receipt, and the retry helper. */
export class SyncRun {
  progress: SyncProgress = { phase: 'push', sent: 0, toSend: 0, bytesSent: 0, received: 0, bytesReceived: 0 };
  sentByKind = { visits: 0, households: 0, persons: 0, removals: 0, other: 0 };
  /** Outbox items the server refused in this run (by seq); one sent again later in the run leaves the set. */
  readonly refused = new Set<number>();
  /** The server's clock minus the phone's, from the last response that carried it (undefined: no answer yet). */
  serverSkewMs: number | undefined;
  private attempt = 0;
  constructor(readonly deps: SyncDeps, readonly onProgress: (p: SyncProgress) => void) {}

  emit(change: Partial<SyncProgress>): void {
    this.progress = { ...this.progress, ...change };
    try {
      this.onProgress({ ...this.progress });
    } catch {
      // A broken progress listener must not stop the sync.
    }
  }

  /** Notes the server's time from a response, against the phone's clock at its arrival. */
  sawServerTime(iso: string): void {
    const server = Date.parse(iso);
    if (Number.isFinite(server)) this.serverSkewMs = server - this.deps.now();
  }

  succeeded(): void {
    this.attempt = 0;
  }

  /** Waits before the next try, or stops the run once the quick retries are used up. */
  async backoff(problem: SyncProblem, retryAfterMs?: number): Promise<void> {
    this.attempt++;
    const max = this.deps.maxAttempts ?? SYNC_MAX_ATTEMPTS;
    if (this.attempt >= (problem === 'offline' ? Math.min(max, SYNC_OFFLINE_MAX_ATTEMPTS) : max)) throw new SyncStop(problem);
    const delay = Math.max(retryAfterMs ?? 0, backoffDelayMs(this.attempt, this.deps.random()));
    const phase = this.progress.phase;
    this.emit({ phase: 'waiting', retryInMs: delay, problem });
    await this.deps.sleep(delay);
    this.emit({ phase, retryInMs: undefined, problem: undefined });
  }
}

