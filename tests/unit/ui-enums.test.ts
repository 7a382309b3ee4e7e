/** The UI's zod-free copies of schema enums (kept out of the first route) must equal the schema's. */
import { describe, expect, it } from 'vitest';
import * as ui from '../../src/ui/lib/enums';
import * as schema from '../../src/shared/schema';

describe('UI enum copies', () => {
  it('match the shared schema exactly', () => {
    expect([...ui.PRIORITY_KEYS]).toEqual([...schema.PRIORITY_KEYS]);
    expect([...ui.VISIT_KINDS]).toEqual([...schema.VISIT_KINDS]);
    expect([...ui.LEADER_ROLES]).toEqual([...schema.LEADER_ROLES]);
    expect([...ui.COMMUNE_ROLES]).toEqual([...schema.COMMUNE_ROLES]);
    expect(ui.NO_PRIORITY).toEqual(schema.NO_PRIORITY);
  });
});

describe('vietnamToday', () => {
  it('turns the date over at midnight in Vietnam (17:00 UTC), not at UTC midnight', () => {
    expect(ui.vietnamToday(Date.UTC(2026, 0, 31, 16, 59))).toBe('2026-01-31');
    expect(ui.vietnamToday(Date.UTC(2026, 0, 31, 17, 0))).toBe('2026-02-01');
  });
});
