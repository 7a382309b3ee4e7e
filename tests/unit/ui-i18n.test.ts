/** The message catalogues: English has exactly the Vietnamese keys, and the same {placeholders} in each message. */
import { describe, expect, it } from 'vitest';
import { vi } from '../../src/ui/i18n/vi';
import { viScreens } from '../../src/ui/i18n/vi-screens';
import { en } from '../../src/ui/i18n/en';
import { formatBytes, formatDate, formatDecimal, formatNumber, formatTime, lang } from '../../src/ui/i18n';

const placeholders = (s: string) => [...s.matchAll(/\{(\w+)\}/g)].map((m) => m[1]).sort();

describe('message catalogues', () => {
  const all: Record<string, string> = { ...vi, ...viScreens };
  it('split the Vietnamese keys without overlap, and English has exactly the same keys', () => {
    expect(Object.keys(vi).filter((k) => k in viScreens)).toEqual([]);
    expect(Object.keys(en).sort()).toEqual(Object.keys(all).sort());
  });
  it('use the same placeholders in both languages, and no message is empty', () => {
    for (const [key, text] of Object.entries(all)) {
      expect(text.trim(), key).not.toBe('');
      expect(placeholders(en[key as keyof typeof en]), key).toEqual(placeholders(text));
    }
  });
  it('write Vietnamese with its diacritics (a sample of words that must not be stripped)', () => {
    expect(all['list.filter.notVisited']).toBe('Chưa thăm');
    expect(all['list.filter.needsFollowUp']).toBe('Cần quay lại');
    expect(all['update.ready']).toBe('Có phiên bản mới');
    expect(all['welcome.demoButton']).toBe('Dùng thử với dữ liệu mẫu');
  });
});

describe('dates and times on screen', () => {
  it('are Vietnam time whatever zone the phone is in: 17:30 UTC on 31 January is 00:30 on 1 February', () => {
    expect(formatDate('2026-01-31T17:30:00Z')).toBe('01/02/2026');
    expect(formatTime('2026-01-31T17:30:00Z')).toBe('00:30');
    expect(formatDate('2026-01-31T16:59:00Z')).toBe('31/01/2026');
    expect(formatDate('2026-01-31')).toBe('31/01/2026'); // a calendar date stays that date
    expect(formatDate('not a date')).toBe('not a date');
    expect(formatTime(null)).toBe('—');
  });
});

describe('numbers on screen', () => {
  it('use a decimal comma in Vietnamese and a point in English', () => {
    expect(formatNumber(57.1)).toBe('57,1');
    expect(formatDecimal(0.04, 1)).toBe('0,0');
    expect(formatBytes(2.3 * 1024 * 1024)).toBe('2,3 MB');
    lang.value = 'en';
    try {
      expect(formatNumber(57.1)).toBe('57.1');
      expect(formatBytes(1536)).toBe('1.5 KB');
    } finally {
      lang.value = 'vi';
    }
    expect(formatNumber(1200)).toBe('1200');
  });
});
