/**
 * What the worker offers the page. The sync engine runs here so a long upload over a village link never janks
 * the UI. The page reaches these only through src/worker/bridge.ts.
 */
import { expose } from 'comlink';
import { runSync, type SyncProgress, type SyncResult } from '../sync/engine';
import { dexieSyncStore } from '../data/sync-store';
import { warmHamletFacts } from '../data/hamlet-facts';
import { reportServices } from './reports';

const sleep = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms));

/**
 * One sync run. A Web Lock keeps two tabs (or a tab and a reloaded tab) from pushing the same outbox at once;
 * that would be harmless (duplicates) but wasteful on a slow link.
 */
async function sync(onProgress?: (p: SyncProgress) => unknown): Promise<SyncResult> {
  const report = (p: SyncProgress) => {
    // The callback is a Comlink proxy: fire and forget, a closed page must not break the run.
    try { void Promise.resolve(onProgress?.(p)).catch(() => {}); } catch { /* page gone */ }
  };
  const run = async () => {
    const result = await runSync({ store: dexieSyncStore, fetch: (u, i) => fetch(u, i), now: Date.now, sleep, random: Math.random }, report);
    // A leader's dashboard reads per-hamlet bundles that the pull just dropped: rebuild them now, in the background.
    if (result.ok) void warmHamletFacts().catch((e: unknown) => console.warn('warm dashboard', e));
    return result;
  };
  const locks = (globalThis.navigator as Navigator | undefined)?.locks;
  return locks ? locks.request('tung-nha-sync', run) : run();
}

function ping(): string {
  return 'pong';
}

/** Sync, plus the reports' heavy work (dashboard figures, XLSX/CSV export, server roll-up) off the main thread. */
export const services = { sync, ping, ...reportServices };
export type Services = typeof services;

// Only inside a dedicated worker (tests import this module in Node to call the services directly).
declare const WorkerGlobalScope: { new (): unknown } | undefined;
if (typeof WorkerGlobalScope !== 'undefined' && globalThis instanceof WorkerGlobalScope) expose(services);
