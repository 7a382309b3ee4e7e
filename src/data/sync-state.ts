/** What the sync-station screen shows: the last receipt and the last error in plain words. */
import { getMeta, type SyncError, type SyncReceipt } from './meta';

export function lastSyncReceipt(): Promise<SyncReceipt | undefined> {
  return getMeta<SyncReceipt>('receipt');
}

/** The last sync's error; cleared by the next successful sync. */
export function lastSyncError(): Promise<SyncError | undefined> {
  return getMeta<SyncError>('syncError');
}
