/** Fallback when the worker cannot start: the same sync engine on the page (loaded only then). */
import { runSync, type SyncProgress, type SyncResult } from '../sync/engine';
import { dexieSyncStore } from '../data/sync-store';

const sleep = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms));

export async function syncOnPage(onProgress: (p: SyncProgress) => void): Promise<SyncResult> {
  const run = () => runSync({ store: dexieSyncStore, fetch: (u, i) => fetch(u, i), now: Date.now, sleep, random: Math.random }, onProgress);
  const locks = (globalThis.navigator as Navigator | undefined)?.locks;
  return locks ? locks.request('tung-nha-sync', run) : run();
}
