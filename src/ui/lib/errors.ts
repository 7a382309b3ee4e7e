/**
 * An error as a volunteer can read it. A full phone is the one failure they can fix themselves, and the browser
 * words it in English ("QuotaExceededError", "Encountered full disk while opening backing store"), often wrapped by
 * Dexie (an AbortError whose `inner` is the quota error): it gets a Vietnamese explanation. Everything else keeps
 * its own message (ours are already Vietnamese).
 */
import { t } from '../i18n';

function isStorageFull(e: unknown, depth = 0): boolean {
  if (!e || typeof e !== 'object' || depth > 3) return false;
  const { name, message, inner } = e as { name?: unknown; message?: unknown; inner?: unknown };
  if (name === 'QuotaExceededError') return true;
  if (typeof message === 'string' && /quota|full disk|disk is full/i.test(message)) return true;
  return isStorageFull(inner, depth + 1);
}

export function errorText(e: unknown): string {
  if (isStorageFull(e)) return t('error.storageFull');
  return e instanceof Error ? e.message : String(e);
}
