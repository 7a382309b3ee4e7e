/**
 * Field names of the LWW entities, without zod: code on the first route (the data layer, search) needs the names
 * but must not load zod (the schemas are built at module load and would blow the 60 KB first-route budget).
 * The compile-time checks below fail if schema.ts gains or loses a field; tests/unit/data-fields.test.ts compares
 * the values too.
 */
import type { HouseholdFields, PersonFields, Priority } from './schema';

type Same<A, B> = [A] extends [B] ? ([B] extends [A] ? true : false) : false;

export const HOUSEHOLD_FIELD_NAMES = ['hamletId', 'label', 'houseNo', 'alley', 'phone', 'priority', 'producer', 'consent', 'note'] as const;
export const PERSON_FIELD_NAMES = ['householdId', 'firstName', 'birthYear', 'hasSmartphone', 'sortName'] as const;
export const PRIORITY_FIELD_NAMES = ['elderly', 'vulnerable', 'poor', 'remote', 'noSmartphone'] as const;

const householdFieldsMatch: Same<(typeof HOUSEHOLD_FIELD_NAMES)[number], keyof HouseholdFields> = true;
const personFieldsMatch: Same<(typeof PERSON_FIELD_NAMES)[number], keyof PersonFields> = true;
const priorityFieldsMatch: Same<(typeof PRIORITY_FIELD_NAMES)[number], keyof Priority> = true;
void householdFieldsMatch;
void personFieldsMatch;
void priorityFieldsMatch;
