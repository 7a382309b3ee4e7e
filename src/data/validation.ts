/**
 * Validation errors the UI can show next to each field. Zod messages in Vietnamese: the shared schemas carry
 * custom Vietnamese messages for the common cases; zod's Vietnamese locale covers the rest (type errors etc.).
 */
import type { z } from 'zod';
// Only the Vietnamese locale: `z.locales` would pull every language into the first-route bundle.
import vi from 'zod/v4/locales/vi.js';

const viErrors = vi().localeError;

export interface FieldIssue {
  /** Dotted path relative to the input: "label", "phone", "persons.0.firstName", "outcomes.2.outcome". */
  path: string;
  message: string;
}

export class ValidationError extends Error {
  readonly issues: FieldIssue[];
  constructor(issues: FieldIssue[]) {
    super(issues.map((i) => (i.path ? `${i.path}: ${i.message}` : i.message)).join('; '));
    this.name = 'ValidationError';
    this.issues = issues;
  }
  /** First message per path, handy for `errors[field]` next to inputs. */
  get fieldErrors(): Record<string, string> {
    const out: Record<string, string> = {};
    for (const i of this.issues) out[i.path] ??= i.message;
    return out;
  }
}

export function isValidationError(e: unknown): e is ValidationError {
  return e instanceof ValidationError || (e instanceof Error && e.name === 'ValidationError' && 'issues' in e);
}

/** Parses with Vietnamese messages; pushes issues (prefixed) into `issues` and returns undefined on failure. */
export function parseInto<S extends z.ZodType>(schema: S, input: unknown, prefix: string, issues: FieldIssue[]): z.output<S> | undefined {
  const result = schema.safeParse(input, { error: viErrors });
  if (result.success) return result.data;
  for (const issue of result.error.issues) {
    const path = [prefix, ...issue.path.map(String)].filter(Boolean).join('.');
    issues.push({ path, message: issue.message });
  }
  return undefined;
}
