/**
 * GET /api/v1/sync/pull?cursor=…&limit=… — changes in the caller's scope after the cursor, one bounded page.
 * The JSON is assembled from the stored JSON text (no parse/re-serialise per row) and gzipped when accepted.
 */
import { gzipSync } from 'node:zlib';
import { Hono } from 'hono';
import { PULL_PAGE_DEFAULT_ITEMS, PULL_PAGE_MAX_ITEMS } from '../../src/shared/limits';
import type { AppEnv } from '../auth/device-auth';
import { pullRows, type Store } from '../db';
import { ApiFailure } from '../http/errors';
import { pullScope } from '../sync/caller';
import { decodeCursor, encodeCursor } from '../sync/cursor';

const GZIP_MIN_BYTES = 1024;

export function pullRoutes(store: Store, now: () => number) {
  const app = new Hono<AppEnv>();
  app.get('/', async (c) => {
    const caller = c.get('caller');
    const after = decodeCursor(c.req.query('cursor'));
    if (!after) throw new ApiFailure('bad_request', 'Con trỏ đồng bộ (cursor) không hợp lệ', [{ path: 'cursor', message: 'Không phải con trỏ do máy chủ cấp' }]);
    const limitText = c.req.query('limit');
    const limit = limitText === undefined ? PULL_PAGE_DEFAULT_ITEMS : Number(limitText);
    if (!Number.isInteger(limit) || limit < 1 || limit > PULL_PAGE_MAX_ITEMS) {
      throw new ApiFailure('bad_request', `limit phải là số nguyên từ 1 đến ${PULL_PAGE_MAX_ITEMS}`, [{ path: 'limit', message: 'Ngoài khoảng cho phép' }]);
    }
    const { rows, hasMore } = await pullRows(store, caller.communeId, pullScope(caller), after, limit);
    const last = rows[rows.length - 1];
    const cursor = last ? encodeCursor({ seq: last.seq, table: last.table, id: last.id }) : encodeCursor(after);
    const changes = rows.map((r) => `{"entity":"${r.entity}","id":"${r.id}","data":${r.data ?? 'null'}}`).join(',');
    const json = `{"changes":[${changes}],"cursor":${JSON.stringify(cursor)},"hasMore":${hasMore},"serverTime":"${new Date(now()).toISOString()}"}`;
    const headers: Record<string, string> = { 'content-type': 'application/json; charset=utf-8', vary: 'Accept-Encoding', 'cache-control': 'no-store' };
    if (json.length >= GZIP_MIN_BYTES && /\bgzip\b/i.test(c.req.header('accept-encoding') ?? '')) {
      return c.body(gzipSync(json, { level: 6 }), 200, { ...headers, 'content-encoding': 'gzip' });
    }
    return c.body(json, 200, headers);
  });
  return app;
}
