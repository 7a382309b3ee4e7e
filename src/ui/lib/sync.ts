/**
 * The UI's view of sync: one run at a time, its progress as a signal, started by the "Đồng bộ" button, on app open
 * and when connectivity returns (policy in src/sync/client.ts). The engine runs in the worker; its client code is
 * loaded on first use so it stays out of the first route. Progress is mirrored for the screens and for the update
 * banner (no update while a sync runs).
 */
import { signal } from '@preact/signals';
import { refreshSession, syncRunning } from '../state/session';
import type { SyncProgress, SyncResult } from '../../sync/client';
import { clearListPaint } from '../../data/first-paint';

export type { SyncProgress, SyncResult };

export const syncProgress = signal<SyncProgress | null>(null);
export const lastResult = signal<SyncResult | null>(null);

let running: Promise<SyncResult | null> | null = null;

export function syncNow(): Promise<SyncResult | null> {
  running ??= (async () => {
    syncRunning.value = true;
    syncProgress.value = { phase: 'push', sent: 0, toSend: 0, bytesSent: 0, received: 0, bytesReceived: 0 };
    try {
      const { startSync } = await import('../../sync/client');
      const r = await startSync((p) => { syncProgress.value = p; });
      // A pull may have erased households; the first-paint copy (D21) must not show them on the next start.
      if (!r.skipped && (r.receipt?.received ?? 1) > 0) {
        clearListPaint();
        // The pull may have changed this phone's own hamlets or role, or the commune's hamlet list: the screens follow.
        await refreshSession().catch((e: unknown) => console.error('session', e));
      }
      lastResult.value = r;
      return r;
    } catch (e) {
      console.error('sync', e);
      const r: SyncResult = { ok: false, problem: 'offline' };
      lastResult.value = r;
      return r;
    } finally {
      syncRunning.value = false;
      running = null;
    }
  })();
  return running;
}

let stopAuto: (() => void) | null = null;

/** Sync now and whenever the app is reopened or the connection returns (enrolled devices only). */
export async function startBackgroundSync(): Promise<void> {
  if (stopAuto) return;
  const { syncOnOpenAndReconnect } = await import('../../sync/client');
  stopAuto ??= syncOnOpenAndReconnect({ run: syncNow });
}

export function stopBackgroundSync(): void {
  stopAuto?.();
  stopAuto = null;
}
