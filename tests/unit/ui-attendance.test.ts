/** Event attendance as leaders type it. */
import { describe, expect, it } from 'vitest';
import { attendanceOf } from '../../src/ui/leader/attendance';

describe('attendanceOf', () => {
  it('reads plain and grouped numbers', () => {
    expect(attendanceOf('45')).toBe(45);
    expect(attendanceOf('1.000')).toBe(1000);
    expect(attendanceOf(' 1 200 ')).toBe(1200);
    expect(attendanceOf('0')).toBe(0);
  });
  it('refuses what is not a count (empty, words, negative, decimals written as such, absurdly large)', () => {
    for (const text of ['', 'bốn mươi', '-5', '12a', '1234567']) expect(attendanceOf(text), text).toBeNull();
  });
});
