/** When the sync screen tells the volunteer that the phone's clock is off, and by how much. */
import { describe, expect, it } from 'vitest';
import { CLOCK_WARN_MS, clockOff } from '../../src/ui/screens/sync/clockOff';
import { viScreens } from '../../src/ui/i18n/vi-screens';

const HOUR = 3600_000;
const DAY = 24 * HOUR;

describe('clockOff', () => {
  it('stays quiet under an hour either way, and with no answer from the server', () => {
    expect(clockOff(undefined)).toBeNull();
    expect(clockOff(0)).toBeNull();
    expect(clockOff(CLOCK_WARN_MS - 1)).toBeNull();
    expect(clockOff(-(CLOCK_WARN_MS - 1))).toBeNull();
    expect(clockOff(Number.NaN)).toBeNull();
  });

  it('says fast when the phone is ahead of the server, slow when behind, in hours under a day', () => {
    expect(clockOff(-CLOCK_WARN_MS)).toEqual({ fast: true, amount: 1, unit: 'hours' });
    expect(clockOff(7 * HOUR)).toEqual({ fast: false, amount: 7, unit: 'hours' });
    expect(clockOff(-(23 * HOUR + 20 * 60_000))).toEqual({ fast: true, amount: 23, unit: 'hours' });
  });

  it('in days from a day on (a year ahead after a slip in the settings)', () => {
    expect(clockOff(-DAY)).toEqual({ fast: true, amount: 1, unit: 'days' });
    expect(clockOff(-366 * DAY - 5 * HOUR)).toEqual({ fast: true, amount: 366, unit: 'days' });
    expect(clockOff(9000 * DAY)).toEqual({ fast: false, amount: 9000, unit: 'days' });
  });

  it('has Vietnamese text for both directions', () => {
    expect(viScreens['sync.clockFast']).toMatch(/nhanh \{d\}/);
    expect(viScreens['sync.clockSlow']).toMatch(/chậm \{d\}/);
  });
});
