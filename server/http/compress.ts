/**
 * JSON responses gzipped when the client accepts it (browsers and Node's fetch always do). Sync responses are
 * mostly repeated keys and ids, so gzip divides them several times over a slow village link.
 */
import { gzipSync } from 'node:zlib';
import type { Context } from 'hono';

/** Below this, gzip's header and CPU cost more than they save. */
const GZIP_MIN_BYTES = 1024;

export function jsonResponse(c: Context, json: string, status: 200 = 200) {
  const headers: Record<string, string> = { 'content-type': 'application/json; charset=utf-8', vary: 'Accept-Encoding', 'cache-control': 'no-store' };
  if (json.length >= GZIP_MIN_BYTES && /\bgzip\b/i.test(c.req.header('accept-encoding') ?? '')) {
    return c.body(gzipSync(json, { level: 6 }), status, { ...headers, 'content-encoding': 'gzip' });
  }
  return c.body(json, status, headers);
}
