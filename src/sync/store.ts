/** What the sync engine needs from local storage. src/data implements it on Dexie; tests may fake it. */
import type { Mutation, PullResponse, PushResult } from '../shared/protocol';

/** A pulled page: the changes this app version can read, and (raw) those it cannot, kept for a later version. */
export type PulledPage = PullResponse & { unread?: unknown[] };

export interface Credentials {
  serverUrl: string;
  token: string;
}

export interface QueuedMutation {
  seq: number;
  mutation: Mutation;
}

export interface SyncReceiptData {
  at: string;
  ok: boolean;
  durationMs: number;
  sent: { visits: number; households: number; persons: number; removals: number; other: number };
  rejected: number;
  received: number;
  bytesSent: number;
  bytesReceived: number;
  /** The server's clock minus the phone's, from the run's last answer (absent when no answer came). */
  serverSkewMs?: number;
  /**
   * A run that sent no visit keeps the last one that did (set by the store): "0 lượt thăm đã gửi" after a background
   * sync must not replace the receipt a volunteer shows their leader.
   */
  lastSent?: { at: string; visits: number };
}

export interface SyncErrorData {
  at: string;
  vi: string;
  en: string;
}

export interface SyncStore {
  credentials(): Promise<Credentials | undefined>;
  /** Oldest pending (not demo, not refused) mutations, in outbox order. */
  pendingBatch(limit: number): Promise<QueuedMutation[]>;
  /**
   * Optional, faster for a pipelined push: like pendingBatch but only items with seq > afterSeq (the engine reads the
   * next batch while earlier ones are still unacknowledged). Without it the engine reads more with pendingBatch.
   */
  pendingAfter?(afterSeq: number, limit: number): Promise<QueuedMutation[]>;
  pendingCount(): Promise<number>;
  /**
   * Optional: refused items stamped more than a day ahead of `now` (stamped while the phone's date was wrong) get a
   * fresh stamp and are pending again, in outbox order; so are the items of `retry` (refused in this run) that come
   * after the first of them. Called only when the phone's clock agrees with the server's (src/sync/clock.ts). Returns
   * the seqs made pending.
   */
  restampFuture?(now: number, retry?: readonly number[]): Promise<number[]>;
  /** accepted/duplicate leave the outbox; conflict/rejected stay with the reason. One transaction. */
  acknowledge(results: { seq: number; result: PushResult }[]): Promise<void>;
  cursor(): Promise<string | undefined>;
  /**
   * Applies one pulled page AND stores its cursor in one transaction, so a reload resumes exactly there. Nothing
   * returned: go on. 'restart': the cursor went back to the start (the phone's own hamlets or role changed), pull again
   * from there. 'forgotten': the phone was un-enrolled, or enrolled again with another token (the run's `token`),
   * meanwhile; nothing was written, stop.
   */
  applyPull(page: PulledPage, now: number, token?: string): Promise<void | 'restart' | 'forgotten'>;
  saveReceipt(receipt: SyncReceiptData): Promise<void>;
  saveError(error: SyncErrorData | null): Promise<void>;
}
