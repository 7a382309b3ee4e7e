/** The only place that talks to the worker (Comlink.wrap). Lazy: the worker starts on first use. */
import { proxy, wrap, type Remote } from 'comlink';
import type { Services } from './services';
import type { SyncProgress, SyncResult } from '../sync/engine';

let remote: Remote<Services> | undefined;

export function worker(): Remote<Services> {
  remote ??= wrap<Services>(new Worker(new URL('./services.ts', import.meta.url), { type: 'module', name: 'tung-nha-sync' }));
  return remote;
}

/** Runs one sync in the worker; `onProgress` is called on the page with each progress event. */
export function syncInWorker(onProgress: (p: SyncProgress) => void = () => {}): Promise<SyncResult> {
  return worker().sync(proxy(onProgress));
}
