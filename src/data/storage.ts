/**
 * Storage persistence and quota (navigator.storage, not Dexie). Without persistence the browser may evict the
 * whole database under storage pressure; iOS Safari deletes site data after 7 days without a visit unless the app
 * was added to the Home Screen.
 */
export interface StorageStatus {
  /** null when the browser cannot tell (no StorageManager). */
  persisted: boolean | null;
  usageBytes: number | null;
  quotaBytes: number | null;
  isIOS: boolean;
  /** Running as an installed app (Home Screen / standalone display). */
  standalone: boolean;
  /** The browser may delete the data: not persisted, or iOS outside the Home Screen. */
  mayEvict: boolean;
}

type Nav = Partial<Navigator> & { standalone?: boolean };

function nav(): Nav | undefined {
  return typeof navigator === 'undefined' ? undefined : (navigator as Nav);
}

export function isIOS(n: Nav | undefined = nav()): boolean {
  if (!n) return false;
  const ua = n.userAgent ?? '';
  // iPadOS 13+ reports itself as a Mac; touch points tell it apart.
  return /iPad|iPhone|iPod/.test(ua) || (/Macintosh/.test(ua) && (n.maxTouchPoints ?? 0) > 1);
}

export function isStandalone(n: Nav | undefined = nav()): boolean {
  if (n?.standalone) return true;
  return typeof matchMedia === 'function' && matchMedia('(display-mode: standalone)').matches;
}

export async function storageStatus(): Promise<StorageStatus> {
  const n = nav();
  const storage = n?.storage;
  let persisted: boolean | null = null;
  let usageBytes: number | null = null;
  let quotaBytes: number | null = null;
  try {
    if (storage?.persisted) persisted = await storage.persisted();
    if (storage?.estimate) {
      const e = await storage.estimate();
      usageBytes = e.usage ?? null;
      quotaBytes = e.quota ?? null;
    }
  } catch {
    // Some browsers throw in private mode; report unknown rather than fail the screen.
  }
  const ios = isIOS(n);
  const standalone = isStandalone(n);
  return { persisted, usageBytes, quotaBytes, isIOS: ios, standalone, mayEvict: persisted !== true || (ios && !standalone) };
}

/**
 * Asks the browser to keep our data. Call after a meaningful action (first household saved, enrolment), when
 * browsers are most willing to grant it. Returns whether storage is now persisted.
 */
export async function requestPersistence(): Promise<boolean> {
  const storage = nav()?.storage;
  if (!storage?.persist) return false;
  try {
    if (storage.persisted && (await storage.persisted())) return true;
    return await storage.persist();
  } catch {
    return false;
  }
}
