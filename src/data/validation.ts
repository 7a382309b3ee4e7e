/**
 * Validation errors the UI can show next to each field. Zod messages in Vietnamese: the shared schemas carry
 * custom Vietnamese messages for the common cases; zod's Vietnamese locale covers the rest (type errors etc.).
 * The schemas and the locale are loaded on the first save, not at start: zod is too big for the first route.
 */
import type { z } from 'zod';

// zod's Vietnamese locale, loaded with the schemas (only that locale: `z.locales` would pull every language).
let viErrors: z.core.$ZodErrorMap | undefined;

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

export type ParseInto = <S extends z.ZodType>(schema: S, input: unknown, prefix: string, issues: FieldIssue[]) => z.output<S> | undefined;

/**
 * Parses with Vietnamese messages; pushes issues (prefixed) into `issues` and returns undefined on failure.
 * Await `validation()` once before (it loads the locale); without it only zod's generic type errors stay English.
 */
export const parseInto: ParseInto = (s, input, prefix, issues) => {
  if (!viErrors) void validation();
  const result = s.safeParse(input, viErrors ? { error: viErrors } : undefined);
  if (result.success) return result.data;
  for (const issue of result.error.issues) {
    const path = [prefix, ...issue.path.map(String)].filter(Boolean).join('.');
    issues.push({ path, message: issue.message });
  }
  return undefined;
};

/** zod's Vietnamese is a programmer's ("Đầu vào không hợp lệ: mong đợi số, nhận được NaN"); the volunteer's first. */
const plainWords: z.core.$ZodErrorMap = (issue) => {
  if (issue.code === 'invalid_type' && issue.expected === 'number') return 'Hãy nhập một số (chỉ chữ số)';
  if (issue.code === 'invalid_format' && issue.format === 'date') return 'Hãy chọn ngày';
  if (issue.code === 'invalid_format' && issue.format === 'datetime') return 'Hãy chọn ngày và giờ';
  return undefined;
};

async function load() {
  const [schema, vi] = await Promise.all([import('../shared/schema'), import('zod/v4/locales/vi.js')]);
  const locale = vi.default().localeError;
  viErrors = (issue) => plainWords(issue) ?? locale(issue);
  return { schema, parseInto };
}

let loaded: ReturnType<typeof load> | undefined;

/** The schemas and a Vietnamese parser. Await it BEFORE opening a Dexie transaction (a foreign await inside one
 *  would commit it early). */
export function validation(): ReturnType<typeof load> {
  loaded ??= load();
  return loaded;
}
