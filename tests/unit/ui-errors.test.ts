/** A full phone is said in Vietnamese, however the browser or Dexie words it; other errors keep their own message. */
import { describe, expect, it } from 'vitest';
import { errorText } from '../../src/ui/lib/errors';
import '../../src/ui/i18n/screens'; // the later screens' messages, as every screen that shows errors has them
import { viScreens as messages } from '../../src/ui/i18n/vi-screens';

const FULL = messages['error.storageFull'];

describe('errorText', () => {
  it('explains a full phone in Vietnamese', () => {
    expect(errorText(new DOMException('The quota has been exceeded.', 'QuotaExceededError'))).toBe(FULL);
    expect(errorText(new DOMException('Encountered full disk while opening backing store for indexedDB.open.', 'UnknownError'))).toBe(FULL);
    // Dexie aborts the transaction and wraps the cause.
    const wrapped = Object.assign(new Error('Transaction aborted'), { name: 'AbortError', inner: new DOMException('quota', 'QuotaExceededError') });
    expect(errorText(wrapped)).toBe(FULL);
  });
  it('keeps any other message as it is', () => {
    expect(errorText(new Error('Không được để trống'))).toBe('Không được để trống');
    expect(errorText('lỗi lạ')).toBe('lỗi lạ');
    expect(errorText(Object.assign(new Error('x'), { inner: { inner: { inner: { inner: { name: 'QuotaExceededError' } } } } }))).toBe('x');
  });
});
