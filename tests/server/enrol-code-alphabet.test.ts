/** Enrolment codes a Vietnamese keyboard cannot change while they are typed, drawn uniformly. */
import { describe, expect, it } from 'vitest';
import { newEnrolCode } from '../../server/auth/secrets';
import { ENROL_CODE_ALPHABET } from '../../src/shared/admin-protocol';

describe('newEnrolCode', () => {
  it('uses only the 21 symbols: no vowels, no Telex keys (W D S F R X J), no look-alikes', () => {
    expect(ENROL_CODE_ALPHABET).toHaveLength(21);
    expect(ENROL_CODE_ALPHABET).not.toMatch(/[AEIOUYWDSFRXJ01]/);
    const codes = Array.from({ length: 3000 }, newEnrolCode);
    for (const c of codes) expect(c).toMatch(/^[23456789BCGHKLMNPQTVZ]{8}$/);
    // Every symbol turns up about equally often (3000 × 8 / 21 ≈ 1143 each).
    const counts = new Map<string, number>();
    for (const c of codes) for (const ch of c) counts.set(ch, (counts.get(ch) ?? 0) + 1);
    expect(counts.size).toBe(21);
    for (const n of counts.values()) expect(n).toBeGreaterThan(900);
    expect(new Set(codes).size).toBe(codes.length);
  });
});
