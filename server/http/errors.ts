/** JSON errors `{ error: { code, message, issues? } }` — the one shape every failure of /api takes. */
import type { Context } from 'hono';
import type { ContentfulStatusCode } from 'hono/utils/http-status';
import type { z } from 'zod';

export type ErrorCode = 'bad_request' | 'unauthorized' | 'forbidden' | 'not_found' | 'conflict' | 'too_large' | 'rate_limited' | 'unsupported_media_type' | 'internal';
export interface Issue { path: string; message: string }

const STATUS: Record<ErrorCode, ContentfulStatusCode> = {
  bad_request: 400, unauthorized: 401, forbidden: 403, not_found: 404, conflict: 409, too_large: 413, rate_limited: 429,
  unsupported_media_type: 415, internal: 500,
};

/** Thrown anywhere in a handler; turned into the JSON error by the app's error handler. */
export class ApiFailure extends Error {
  constructor(readonly code: ErrorCode, message: string, readonly issues?: Issue[]) {
    super(message);
  }
  get status(): ContentfulStatusCode { return STATUS[this.code]; }
}

export function errorResponse(c: Context, failure: ApiFailure): Response {
  const body = { error: { code: failure.code, message: failure.message, ...(failure.issues ? { issues: failure.issues } : {}) } };
  return c.json(body, failure.status);
}

export function zodIssues(error: z.ZodError): Issue[] {
  return error.issues.slice(0, 20).map((i) => ({ path: i.path.map(String).join('.'), message: i.message }));
}

export function issuesText(error: z.ZodError): string {
  return zodIssues(error).map((i) => (i.path ? `${i.path}: ${i.message}` : i.message)).join('; ');
}
