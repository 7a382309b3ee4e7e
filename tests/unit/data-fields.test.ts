import { describe, expect, it } from 'vitest';
import { HOUSEHOLD_FIELD_NAMES, PERSON_FIELD_NAMES, PRIORITY_FIELD_NAMES } from '../../src/shared/fields';
import { HOUSEHOLD_FIELDS, PERSON_FIELDS, PRIORITY_KEYS } from '../../src/shared/schema';

describe('zod-free field names', () => {
  it('match the schemas exactly, in order', () => {
    expect([...HOUSEHOLD_FIELD_NAMES]).toEqual(HOUSEHOLD_FIELDS);
    expect([...PERSON_FIELD_NAMES]).toEqual(PERSON_FIELDS);
    expect([...PRIORITY_FIELD_NAMES]).toEqual([...PRIORITY_KEYS]);
  });
});
