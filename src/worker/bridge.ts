/** The only place that talks to the worker (Comlink.wrap). Lazy: the worker starts on first use. */
import { proxy, wrap, type Remote } from 'comlink';
import type { Services } from './services';
import type { SyncProgress, SyncResult } from '../sync/engine';

let remote: Remote<Services> | undefined;
/** Rejects when the worker fails (script not loadable, crash): a Comlink call would otherwise wait forever. */
let broken: Promise<never> | undefined;

export class WorkerUnavailable extends Error {
  constructor(detail: string) {
    super(`worker unavailable: ${detail}`);
    this.name = 'WorkerUnavailable';
  }
}

export function worker(): Remote<Services> {
  if (!remote) {
    const w = new Worker(new URL('./services.ts', import.meta.url), { type: 'module', name: 'tung-nha' });
    broken = new Promise<never>((_, reject) => {
      w.addEventListener('error', (e) => {
        remote = undefined; // the next call starts a fresh worker
        w.terminate();
        reject(new WorkerUnavailable(e.message || 'error'));
      }, { once: true });
    });
    broken.catch(() => {});
    remote = wrap<Services>(w);
  }
  return remote;
}

/** A call into the worker that fails instead of hanging when the worker dies. */
export function callWorker<T>(call: (r: Remote<Services>) => Promise<T>): Promise<T> {
  const r = worker();
  return Promise.race([call(r), broken!]);
}

/**
 * Runs one sync in the worker; `onProgress` is called on the page with each progress event. If the worker cannot
 * run (an old browser, a broken cache), the same engine runs on the page: slower UI, but the visits still go.
 */
export async function syncInWorker(onProgress: (p: SyncProgress) => void = () => {}): Promise<SyncResult> {
  let received = 0;
  const progress = (p: SyncProgress) => {
    if (p.received > received) { received = p.received; refreshPageQueries(); }
    onProgress(p);
  };
  try {
    return await callWorker((r) => r.sync(proxy(progress)));
  } catch (e) {
    if (!(e instanceof WorkerUnavailable) && typeof Worker !== 'undefined') throw e;
    const { syncOnPage } = await import('./page-sync');
    return syncOnPage(onProgress);
  } finally {
    refreshPageQueries(); // the outbox rows the push marked sent, and whatever was pulled last
  }
}

/**
 * A page without BroadcastChannel (Safari 15.0–15.3) never hears of the worker's writes: its lists would stay as they
 * were until a reload — after enrolment, with no households at all. Then the page tells its own live queries to re-run.
 * Loaded only there; elsewhere the worker's channel reaches the page and nothing is loaded.
 */
function refreshPageQueries(): void {
  if (typeof BroadcastChannel !== 'undefined') return;
  void import('../data/native-tx').then((m) => m.announceWorkerWrites()).catch(() => {});
}
