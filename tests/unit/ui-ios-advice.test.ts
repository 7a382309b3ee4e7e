/** iPhone Safari: install before enrolling; enrolled with visits not yet synced, sync before installing. */
import { describe, expect, it } from 'vitest';
import { iosAdvice } from '../../src/ui/lib/ios-advice';

describe('iosAdvice', () => {
  const safari = { ios: true, standalone: false };
  it('says nothing off iOS or in the Home Screen app', () => {
    expect(iosAdvice({ ios: false, standalone: false, enrolled: false, unsynced: 3 })).toBeNull();
    expect(iosAdvice({ ios: true, standalone: true, enrolled: true, unsynced: 3 })).toBeNull();
  });
  it('asks to install before enrolling, and to sync first once visits wait in Safari', () => {
    expect(iosAdvice({ ...safari, enrolled: false, unsynced: 0 })).toBe('installFirst');
    expect(iosAdvice({ ...safari, enrolled: true, unsynced: 2 })).toBe('syncThenInstall');
    expect(iosAdvice({ ...safari, enrolled: true, unsynced: 0 })).toBe('install');
  });
});
